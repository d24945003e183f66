// Buyer organisations: the page of search results, and full profiles by id.
import { defineStore } from 'pinia';
import type { BuyerDetailDto, BuyerDto, BuyerInput } from '../../../server/contracts/index.ts';
import { directoryApi, type BuyerSearch } from '../api/directory.ts';
import { useDirectoryEntries } from './directoryEntries.ts';

export const BUYERS_PAGE_SIZE = 20;

export const useBuyersStore = defineStore('buyers', () => {
  const entries = useDirectoryEntries<BuyerDto, BuyerDetailDto, BuyerSearch>({
    pageSize: BUYERS_PAGE_SIZE,
    fetchPage: directoryApi.buyers,
    fetchOne: directoryApi.buyer,
    summaryOf: ({ regions: _r, volumes: _v, description: _d, website: _w, representatives: _p, ...summary }) => summary,
  });

  /** Organisers only. Throws the ApiError, so the form can show what was refused. */
  async function create(input: BuyerInput): Promise<BuyerDetailDto> {
    const buyer = await directoryApi.createBuyer(input);
    entries.keep(buyer);
    return buyer;
  }

  async function update(buyerId: string, patch: Partial<BuyerInput>): Promise<void> {
    entries.keep(await directoryApi.updateBuyer(buyerId, patch));
  }

  const { keep: _keep, loadStateOf: buyerState, ...shared } = entries;
  return { ...shared, buyerState, create, update };
});
