import type { ScoreBand } from '../scoring/definition.ts';

/**
 * The geometry of a score-over-time chart, worked out here so the template only draws it
 * (src/measures/views/chart.njk). Coordinates are in the SVG's own units; the SVG scales to the
 * width of the page, so it fits a phone.
 */

export const CHART = { width: 480, height: 260, left: 44, right: 16, top: 16, bottom: 48 } as const;
const PLOT_RIGHT = CHART.width - CHART.right;
const PLOT_BOTTOM = CHART.height - CHART.bottom;
/** The least room between two date labels on the x axis, so they never overlap. */
const LABEL_SPACING = 96;

export interface ChartPoint {
  completedOn: string;
  score: number;
}

export interface ChartModel {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  bands: { y: number; height: number; label: string; labelY: number; shaded: boolean }[];
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
  points: { x: number; y: number }[];
  /** The polyline's points attribute, or empty with a single point. */
  line: string;
}

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' });
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** A tick step of 1, 2 or 5 × a power of ten giving about five ticks over the range. */
export function tickStep(span: number): number {
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * Inclusive whole-number bands (0–4, 5–6 …) are drawn edge to edge: the boundary between two
 * bands is halfway between one's maximum and the next one's minimum.
 */
function bandEdges(bands: ScoreBand[], range: { minimum: number; maximum: number }) {
  const sorted = [...bands].sort((a, b) => a.minimum - b.minimum);
  return sorted.map((band, index) => ({
    label: band.label,
    from: index === 0 ? Math.max(range.minimum, band.minimum) : (sorted[index - 1]!.maximum + band.minimum) / 2,
    to: index === sorted.length - 1 ? Math.min(range.maximum, band.maximum) : (band.maximum + sorted[index + 1]!.minimum) / 2,
  }));
}

export function chartOf(points: ChartPoint[], range: { minimum: number; maximum: number }, bands: ScoreBand[] = []): ChartModel {
  const span = range.maximum - range.minimum || 1;
  const y = (score: number) => round1(PLOT_BOTTOM - ((score - range.minimum) / span) * (PLOT_BOTTOM - CHART.top));

  const days = points.map((point) => dayNumber(point.completedOn));
  const first = Math.min(...days);
  const daySpan = Math.max(...days) - first;
  const inset = 16;
  const x = (day: number) =>
    round1(daySpan === 0 ? (CHART.left + PLOT_RIGHT) / 2 : CHART.left + inset + ((day - first) / daySpan) * (PLOT_RIGHT - CHART.left - 2 * inset));
  const plotted = points.map((point, index) => ({ x: x(days[index]!), y: y(point.score) }));

  const xLabels: ChartModel['xLabels'] = [];
  plotted.forEach((point, index) => {
    const previous = xLabels.at(-1);
    const isLast = index === plotted.length - 1;
    if (previous && point.x - previous.x < LABEL_SPACING) {
      // The latest date matters more than the one before it.
      if (isLast && xLabels.length > 1) xLabels.pop();
      else return;
    }
    xLabels.push({ x: point.x, label: shortDate.format(new Date(`${points[index]!.completedOn}T00:00:00Z`)) });
  });

  const step = tickStep(span);
  const yTicks: ChartModel['yTicks'] = [];
  for (let tick = Math.ceil(range.minimum / step) * step; tick <= range.maximum + 1e-9; tick += step) {
    yTicks.push({ y: y(tick), label: String(Math.round(tick * 100) / 100) });
  }

  return {
    width: CHART.width,
    height: CHART.height,
    plot: { left: CHART.left, right: PLOT_RIGHT, top: CHART.top, bottom: PLOT_BOTTOM },
    bands: bandEdges(bands, range).map((band, index) => ({
      y: y(band.to),
      height: round1(y(band.from) - y(band.to)),
      label: band.label,
      labelY: round1((y(band.from) + y(band.to)) / 2 + 5),
      shaded: index % 2 === 0,
    })),
    yTicks,
    xLabels,
    points: plotted,
    line: plotted.length > 1 ? plotted.map((point) => `${point.x},${point.y}`).join(' ') : '',
  };
}
