// The choices both directory lists filter by: provinces and product groups, in the user's language.
import { computed } from 'vue';
import type { Province } from '../../api/directory.ts';
import { categoryOptions } from './options.ts';
import { useDirectoryLabels } from './labels.ts';

export function useCommonChoices(provinces: () => Province[]) {
  const labels = useDirectoryLabels();
  return {
    provinceChoices: computed(() => provinces().map((p) => ({ value: p.id, text: p.name }))),
    categoryChoices: computed(() => categoryOptions.map((v) => ({ value: v, text: labels.category(v) }))),
  };
}
