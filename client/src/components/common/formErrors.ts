// What a form shows after a refused save: a message per field (from a 400 or 409 answer's
// `fields`, or from checks made before sending) and one message for the whole form. Messages
// are kept as functions of the current language, so switching language re-says them; the
// first refused field is brought into view and focused, since on a phone the form's top is
// often far above the Save button.
import { computed, nextTick, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { asApiError } from '../../stores/loadState.ts';
import { errorMessageKey, useIssueText } from './errorText.ts';

type Say = () => string;

export function useFormErrors() {
  const { t } = useI18n();
  const issueText = useIssueText();
  const said = reactive<Record<string, Say>>({});
  const formSay = ref<Say | null>(null);

  const fields = computed(
    () => Object.fromEntries(Object.entries(said).map(([field, say]) => [field, say()])) as Record<string, string>,
  );
  const form = computed<string>({
    get: () => formSay.value?.() ?? '',
    set: (text) => {
      formSay.value = text ? () => text : null;
    },
  });

  function clear(): void {
    for (const key of Object.keys(said)) delete said[key];
    formSay.value = null;
  }

  /** A local check's refusal, by its message key: said again in the language switched to. */
  function set(field: string, messageKey: string): void {
    said[field] = () => t(messageKey);
  }

  function has(): boolean {
    return Object.keys(said).length > 0;
  }

  /** Scrolls to and focuses the first refused field, or the form's message. */
  function reveal(): void {
    void nextTick(() => {
      const invalid = document.querySelector<HTMLElement>(
        '.field--invalid input, .field--invalid select, .field--invalid textarea',
      );
      const target = invalid ?? document.querySelector<HTMLElement>('form [role="alert"]');
      target?.scrollIntoView({ block: 'center' });
      invalid?.focus({ preventScroll: true });
    });
  }

  /** `photoUrls.2` belongs to the `photoUrls` field; the first message per field wins. */
  function show(cause: unknown): void {
    const error = asApiError(cause);
    if ((error.status === 400 || error.status === 409) && error.fields.length > 0) {
      for (const field of error.fields) {
        const name = field.path.replace(/^body\./, '').split('.')[0] ?? field.path;
        said[name] ??= () => issueText.issue(field);
      }
      formSay.value = () => t('form.checkFields');
    } else {
      const key = errorMessageKey(error);
      formSay.value = () => t(key);
    }
    reveal();
  }

  /** Call after local checks: sets the form message when a field was refused. */
  function checked(): boolean {
    if (has()) {
      formSay.value = () => t('form.checkFields');
      reveal();
    }
    return !has();
  }

  // One reactive object, so `errors.form` reads as a string in scripts and templates alike.
  return reactive({ fields, form, clear, set, has, show, checked });
}
