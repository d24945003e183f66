// The box the floor plan is seen through: its width decides the plan's scale (the plan fits it
// at zoom 1), the zoom (buttons, Ctrl + wheel, a pinch) keeps the point under the pointer or the
// fingers where it is, panning is the box's own scrolling, and `edges` says on which sides more
// of the plan is hidden, for the arrows that say so on a phone, where scroll bars are not shown.
import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
import type { PlanLayout, Rect } from './planLayout.ts';

const MAX_ZOOM = 6;
const ZOOM_STEP = 1.4;

export function usePlanViewport(viewport: Ref<HTMLElement | undefined>, layoutOf: () => Pick<PlanLayout, 'width' | 'height'>) {
  const viewportWidth = ref(0);
  const zoom = ref(1);
  const edges = ref({ left: false, right: false, up: false, down: false });

  /** Pixels per metre. */
  const scale = computed(() => (viewportWidth.value > 0 ? viewportWidth.value / layoutOf().width : 10) * zoom.value);
  const size = computed(() => ({
    width: Math.floor(layoutOf().width * scale.value),
    height: Math.ceil(layoutOf().height * scale.value),
  }));
  const zoomPercent = computed(() => Math.round(zoom.value * 100));

  function updateEdges(): void {
    const el = viewport.value;
    if (!el) return;
    edges.value = {
      left: el.scrollLeft > 2,
      right: el.scrollLeft + el.clientWidth < el.scrollWidth - 2,
      up: el.scrollTop > 2,
      down: el.scrollTop + el.clientHeight < el.scrollHeight - 2,
    };
  }

  /** The middle of the part of the plan on screen, in the viewport's own coordinates. */
  function visibleCentre(el: HTMLElement): { x: number; y: number } {
    const box = el.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    return { x: el.clientWidth / 2, y: bottom > top ? (top + bottom) / 2 - box.top : el.clientHeight / 2 };
  }

  /** Zooms keeping the plan's point under `anchor` (px from the viewport's corner) where it is. */
  function zoomTo(next: number, anchor?: { x: number; y: number }): void {
    const el = viewport.value;
    const z = Math.min(MAX_ZOOM, Math.max(1, next));
    if (!el || Math.abs(z - zoom.value) < 0.001) return;
    const at = anchor ?? visibleCentre(el);
    const before = scale.value;
    const mx = (el.scrollLeft + at.x) / before;
    const my = (el.scrollTop + at.y) / before;
    // At zoom 1 the box is as tall as the plan; zoomed, it is at most 75vh (booths.css).
    const fromFit = zoom.value === 1;
    zoom.value = z;
    void nextTick(() => {
      const now = scale.value;
      el.scrollLeft = mx * now - at.x;
      el.scrollTop = my * now - (fromFit ? Math.min(at.y, el.clientHeight / 2) : at.y);
      if (fromFit) el.scrollIntoView({ block: 'nearest' });
      updateEdges();
    });
  }

  function zoomBy(factor: number): void {
    zoomTo(zoom.value * factor);
  }

  function fit(): void {
    zoom.value = 1;
    void nextTick(updateEdges);
  }

  function pan(dx: number, dy: number): void {
    const el = viewport.value;
    el?.scrollBy({ left: dx * el.clientWidth * 0.7, top: dy * el.clientHeight * 0.7, behavior: 'smooth' });
  }

  /** Ctrl + wheel (and a trackpad's pinch, which the browser sends as one) zooms; the wheel alone scrolls. */
  function onWheel(e: WheelEvent): void {
    if (!(e.ctrlKey || e.metaKey) || !viewport.value) return;
    e.preventDefault();
    const box = viewport.value.getBoundingClientRect();
    zoomTo(zoom.value * Math.exp(-e.deltaY * 0.0015), { x: e.clientX - box.left, y: e.clientY - box.top });
  }

  let pinch: { distance: number; zoom: number } | null = null;
  const touchDistance = (touches: TouchList) =>
    Math.hypot(touches[0]!.clientX - touches[1]!.clientX, touches[0]!.clientY - touches[1]!.clientY);

  function onTouchStart(e: TouchEvent): void {
    if (e.touches.length === 2) pinch = { distance: touchDistance(e.touches), zoom: zoom.value };
  }

  /** Two fingers: the page does not zoom (touch-action), the plan does, around them. */
  function onTouchMove(e: TouchEvent): void {
    if (!pinch || e.touches.length !== 2 || !viewport.value) return;
    e.preventDefault();
    const box = viewport.value.getBoundingClientRect();
    const x = (e.touches[0]!.clientX + e.touches[1]!.clientX) / 2 - box.left;
    const y = (e.touches[0]!.clientY + e.touches[1]!.clientY) / 2 - box.top;
    zoomTo((pinch.zoom * touchDistance(e.touches)) / pinch.distance, { x, y });
  }

  function onTouchEnd(e: TouchEvent): void {
    if (e.touches.length < 2) pinch = null;
  }

  /**
   * Scrolls the plan, and the page, so that a rectangle of the plan (metres) is on screen.
   * `nearest` moves as little as it can (arrow keys); `upper` puts it in the upper part of the
   * screen, clear of the details sheet that opens over the bottom of a phone's screen.
   */
  function reveal(r: Rect, how: 'nearest' | 'upper'): void {
    const el = viewport.value;
    if (!el) return;
    const s = scale.value;
    const margin = 24;
    const [left, right, top, bottom] = [r.x * s, (r.x + r.w) * s, r.y * s, (r.y + r.h) * s];
    if (left < el.scrollLeft + margin || right > el.scrollLeft + el.clientWidth - margin) {
      if (how === 'upper') el.scrollLeft = (left + right) / 2 - el.clientWidth / 2;
      else el.scrollLeft = left < el.scrollLeft + margin ? left - margin : right - el.clientWidth + margin;
    }
    if (top < el.scrollTop + margin || bottom > el.scrollTop + el.clientHeight - margin) {
      if (how === 'upper') el.scrollTop = top - el.clientHeight / 4;
      else el.scrollTop = top < el.scrollTop + margin ? top - margin : bottom - el.clientHeight + margin;
    }
    const box = el.getBoundingClientRect();
    const screenTop = box.top + top - el.scrollTop;
    const screenBottom = box.top + bottom - el.scrollTop;
    const low = 64;
    const high = how === 'upper' ? window.innerHeight * 0.38 : window.innerHeight - margin;
    if (screenTop < low || screenBottom > high) {
      const to = how === 'upper' ? window.innerHeight * 0.18 : screenTop < low ? low : high - (bottom - top);
      window.scrollBy({ top: screenTop - to });
    }
  }

  let observer: ResizeObserver | null = null;
  let stopWatching: (() => void) | null = null;
  // Once mounted: the layout the caller computes from viewportWidth exists by then.
  onMounted(() => {
    stopWatching = watch(size, () => void nextTick(updateEdges));
    const el = viewport.value;
    if (!el) return;
    viewportWidth.value = el.clientWidth;
    observer = new ResizeObserver(() => {
      viewportWidth.value = el.clientWidth;
      updateEdges();
    });
    observer.observe(el);
    void nextTick(updateEdges);
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
    stopWatching?.();
  });

  return {
    MAX_ZOOM,
    ZOOM_STEP,
    viewportWidth,
    zoom,
    scale,
    size,
    edges,
    zoomPercent,
    zoomTo,
    zoomBy,
    fit,
    pan,
    reveal,
    updateEdges,
    onWheel,
    onTouchStart,
    onTouchMove,
    onTouchEnd,
  };
}
