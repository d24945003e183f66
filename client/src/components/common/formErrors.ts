// What a form shows after a refused save: a message per field (from a 400 answer's `fields`,
// or from checks made before sending) and one message for the whole form.
import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { asApiError } from '../../stores/loadState.ts';
import { errorMessageKey } from './errorText.ts';

export function useFormErrors() {
  const { t } = useI18n();
  const fields = reactive<Record<string, string>>({});
  const form = ref('');

  function clear(): void {
    for (const key of Object.keys(fields)) delete fields[key];
    form.value = '';
  }

  function set(field: string, message: string): void {
    fields[field] = message;
  }

  function has(): boolean {
    return Object.keys(fields).length > 0;
  }

  /** `photoUrls.2` belongs to the `photoUrls` field; the first message per field wins. */
  function show(cause: unknown): void {
    const error = asApiError(cause);
    if (error.status === 400 && error.fields.length > 0) {
      for (const field of error.fields) {
        const name = field.path.replace(/^body\./, '').split('.')[0] ?? field.path;
        fields[name] ??= field.message;
      }
      form.value = t('form.checkFields');
    } else if (error.status === 400) {
      form.value = error.message;
    } else {
      form.value = t(errorMessageKey(error));
    }
  }

  /** Call after local checks: sets the form message when a field was refused. */
  function checked(): boolean {
    if (has()) form.value = t('form.checkFields');
    return !has();
  }

  // One reactive object, so `errors.form` reads as a string in scripts and templates alike.
  return reactive({ fields, form, clear, set, has, show, checked });
}
