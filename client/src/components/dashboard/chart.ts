// Chart.js with only the parts the dashboard draws: bars (stacked or not) and lines, on a
// category axis and a linear one, with a legend and tooltips.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export { Chart };

/** One series of a chart: its name, a value per label, its colour. */
export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
  /** Drawn on the right axis (counts beside values in VND). */
  right?: boolean;
  /** Only in the table (a count beside the value the bars show). */
  tableOnly?: boolean;
}

/** The dashboard's panels besides its counters, in the order the big screen turns through them. */
/** `matrix` (a conference's provinces) is shown on the dashboard page, not in the big screen's rotation. */
export type DashboardPanel = 'byCategory' | 'byProvince' | 'byBuyer' | 'overTime' | 'occupancy' | 'activity' | 'matrix';
export const dashboardPanels: DashboardPanel[] = ['byCategory', 'byProvince', 'byBuyer', 'overTime', 'occupancy', 'activity'];
