// The filters of the directory lists, as data: each is a labelled choice and the change of the
// search it makes. DirectoryBrowser shows them; province and product group are in both lists.
import { useI18n } from 'vue-i18n';
import type { BuyerSearch, ProducerSearch, Province } from '../../api/directory.ts';
import { buyerTypeOptions, categoryOptions, legalTypeOptions, starOptions } from './options.ts';
import { useDirectoryLabels } from './labels.ts';

export interface Filter<Search> {
  /** Names the select's id and test id: `filter-<name>`. */
  name: string;
  label: string;
  anyText: string;
  value: string | number | undefined;
  options: { value: string; text: string }[];
  /** The change of the search when `value` is chosen (undefined: any). */
  patch: (value: string | undefined) => Partial<Search>;
}

export type FiltersOf<Search> = (search: Search, provinces: Province[]) => Filter<Search>[];

function useCommonFilters() {
  const { t } = useI18n();
  const labels = useDirectoryLabels();
  return {
    t,
    labels,
    province: <S extends ProducerSearch | BuyerSearch>(search: S, provinces: Province[]): Filter<S> => ({
      name: 'province',
      label: t('directory.province'),
      anyText: t('directory.anyProvince'),
      value: search.provinceId,
      options: provinces.map((p) => ({ value: p.id, text: p.name })),
      patch: (provinceId) => ({ provinceId }) as Partial<S>,
    }),
    category: <S extends ProducerSearch | BuyerSearch>(search: S): Filter<S> => ({
      name: 'category',
      label: t('directory.category'),
      anyText: t('directory.anyCategory'),
      value: search.category,
      options: categoryOptions.map((v) => ({ value: v, text: labels.category(v) })),
      patch: (category) => ({ category }) as Partial<S>,
    }),
  };
}

/** Province, legal type, product group and minimum stars. */
export function useProducerFilters(): FiltersOf<ProducerSearch> {
  const { t, labels, province, category } = useCommonFilters();
  return (search, provinces) => [
    province(search, provinces),
    {
      name: 'legal-type',
      label: t('directory.legalType'),
      anyText: t('directory.anyLegalType'),
      value: search.legalType,
      options: legalTypeOptions.map((v) => ({ value: v, text: labels.legalType(v) })),
      patch: (value) => ({ legalType: value as ProducerSearch['legalType'] }),
    },
    category(search),
    {
      name: 'stars',
      label: t('directory.minStars'),
      anyText: t('directory.anyStars'),
      value: search.minStars,
      options: starOptions.map((v) => ({ value: String(v), text: t('directory.starsAtLeast', { count: v }) })),
      patch: (value) => ({ minStars: value === undefined ? undefined : Number(value) }),
    },
  ];
}

/** Province, buyer type and product group. */
export function useBuyerFilters(): FiltersOf<BuyerSearch> {
  const { t, labels, province, category } = useCommonFilters();
  return (search, provinces) => [
    province(search, provinces),
    {
      name: 'org-type',
      label: t('directory.orgType'),
      anyText: t('directory.anyOrgType'),
      value: search.orgType,
      options: buyerTypeOptions.map((v) => ({ value: v, text: labels.buyerType(v) })),
      patch: (value) => ({ orgType: value as BuyerSearch['orgType'] }),
    },
    category(search),
  ];
}
