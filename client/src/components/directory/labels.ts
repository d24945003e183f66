// Names of the directory's fixed values in the current language; an unknown value (a category
// the server added later) shows as it is rather than as a missing message key.
import { useI18n } from 'vue-i18n';

export function useDirectoryLabels() {
  const { t, te } = useI18n();

  const label = (group: string, value: string | null | undefined) => {
    if (!value) return '';
    const key = `${group}.${value}`;
    return te(key) ? t(key) : value;
  };

  return {
    category: (value: string | null | undefined) => label('categories', value),
    legalType: (value: string | null | undefined) => label('legalTypes', value),
    buyerType: (value: string | null | undefined) => label('buyerTypes', value),
    ratingLevel: (value: string | null | undefined) => label('ratingLevels', value),
  };
}
