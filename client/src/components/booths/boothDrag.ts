// A producer on its way to a booth, shared by the list it comes from and the plan it lands on:
// with the mouse through HTML5 drag and drop (the data travels as PRODUCER_MIME), with a finger
// through pointer events (the list follows the finger and says which booth is under it).
import { reactive } from 'vue';

export const PRODUCER_MIME = 'application/x-ocop-producer';

export interface DraggedProducer {
  producerId: string;
  name: string;
}

export const boothDrag = reactive({
  /** The booth the dragged producer or exhibitor is over, to light it up. */
  overBoothId: null as string | null,
  /** True while something is being dragged, so booths show they take a drop. */
  active: false,
});

/** The booth an element belongs to on the plan or in the list (`data-booth-id`). */
export function boothIdAt(element: Element | EventTarget | null): string | null {
  if (!(element instanceof Element)) return null;
  return element.closest<Element>('[data-booth-id]')?.getAttribute('data-booth-id') ?? null;
}

export function writeDraggedProducer(transfer: DataTransfer, producer: DraggedProducer): void {
  transfer.effectAllowed = 'copyMove';
  transfer.setData(PRODUCER_MIME, JSON.stringify(producer));
  transfer.setData('text/plain', producer.name);
}

export function readDraggedProducer(transfer: DataTransfer | null): DraggedProducer | null {
  const raw = transfer?.getData(PRODUCER_MIME);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<DraggedProducer>;
    return typeof value.producerId === 'string' && typeof value.name === 'string'
      ? { producerId: value.producerId, name: value.name }
      : null;
  } catch {
    return null;
  }
}

export function carriesProducer(transfer: DataTransfer | null): boolean {
  return transfer?.types.includes(PRODUCER_MIME) ?? false;
}
