/**
 * What the balance panel's two charts share: colours read from the VS Code theme (and re-read
 * when it changes), and the options every chart here has (no animation, index tooltips, the
 * theme's font, legend in dataset order).
 */
import { Chart, type ChartConfiguration, type ChartOptions, type TooltipItem } from 'chart.js';

export const HOUR = 3_600_000;

export interface Theme {
  readonly technical: string;
  readonly managerial: string;
  /** Meetings from a calendar: the part of the managerial bar the timer did not see. */
  readonly meetings: string;
  readonly target: string;
  readonly text: string;
  readonly grid: string;
  readonly font: string;
}

export function readTheme(): Theme {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const foreground = v('--vscode-foreground', '#cccccc');
  return {
    technical: v('--vscode-charts-blue', '#3794ff'),
    managerial: v('--vscode-charts-orange', '#d18616'),
    meetings: v('--vscode-charts-yellow', '#cca700'),
    target: v('--vscode-charts-foreground', foreground),
    text: foreground,
    grid: v('--vscode-charts-lines', 'rgba(128, 128, 128, 0.35)'),
    font: v('--vscode-font-family', 'sans-serif'),
  };
}

/** Calls `fn` when the VS Code theme changes: it swaps the body class and the variables on <html>. */
export function onThemeChange(fn: () => void): void {
  const observer = new MutationObserver(fn);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}

type Options = ChartOptions<'bar' | 'line'>;
export type ChartConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

type Dataset = ChartConfig['data']['datasets'][number];

/** What differs between the charts here; `chartConfig` adds what they share. */
export interface ChartDesign {
  /** The stacked bars' legend labels (technical, managerial, meetings): every chart here starts with them. */
  readonly bars: readonly [technical: string, managerial: string, meetings: string];
  /** Where the bars sit: their draw order (lower is on top) and axis. */
  readonly barPlace: { readonly order: number; readonly yAxisID?: string };
  /** The line datasets drawn with the bars. */
  readonly lines: readonly Dataset[];
  readonly scales: Options['scales'];
  readonly tooltipLabel: (item: TooltipItem<'bar' | 'line'>) => string;
}

/** A whole chart: the hour bars, the design's lines, and the options every chart here has. */
function chartConfig(theme: Theme, design: ChartDesign): ChartConfig {
  const font = { family: theme.font };
  const bar = (label: string, color: string): Dataset => ({ type: 'bar', label, data: [], backgroundColor: color, stack: 'time', pointStyle: 'rect', ...design.barPlace });
  return {
    type: 'bar',
    data: { labels: [], datasets: [bar(design.bars[0], theme.technical), bar(design.bars[1], theme.managerial), bar(design.bars[2], theme.meetings), ...design.lines] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: design.scales,
      plugins: {
        legend: { labels: { color: theme.text, font, usePointStyle: true, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } },
        tooltip: { titleFont: font, bodyFont: font, callbacks: { label: design.tooltipLabel } },
      },
    },
  };
}

/** Swap a drawn chart's colours for `fresh`'s (same datasets, from the new theme), without a redraw animation. */
function applyTheme(chart: Chart<'bar' | 'line', (number | null)[], string>, fresh: ChartConfig): void {
  fresh.data.datasets.forEach((d, i) => {
    const mine = chart.data.datasets[i];
    if (!mine) return;
    mine.backgroundColor = d.backgroundColor;
    mine.borderColor = d.borderColor;
  });
  chart.options.scales = fresh.options?.scales;
  chart.options.plugins = fresh.options?.plugins;
  chart.update('none');
}

/** A chart drawn from its `design(theme)`, and again in the new colours when the theme changes. */
export abstract class ThemedChart {
  protected readonly chart: Chart<'bar' | 'line', (number | null)[], string>;

  constructor(protected readonly canvas: HTMLCanvasElement) {
    const theme = readTheme();
    this.chart = new Chart(canvas, chartConfig(theme, this.design(theme)));
    onThemeChange(() => {
      const theme = readTheme();
      applyTheme(this.chart, chartConfig(theme, this.design(theme)));
    });
  }

  /**
   * The stacked bars (the first three datasets), in hours: technical, managerial the timer
   * tracked, and meetings from a calendar on top of it (together the managerial time).
   */
  protected setHours(rows: readonly { readonly technicalMs: number; readonly managerialMs: number; readonly meetingMs: number }[]): void {
    const [technical, managerial, meetings] = this.chart.data.datasets;
    technical!.data = rows.map((r) => r.technicalMs / HOUR);
    managerial!.data = rows.map((r) => (r.managerialMs - r.meetingMs) / HOUR);
    meetings!.data = rows.map((r) => r.meetingMs / HOUR);
  }

  /** The datasets after the bars (the design's lines), in their order. */
  protected get lineDatasets(): ChartConfig['data']['datasets'] {
    return this.chart.data.datasets.slice(3);
  }

  /** Called from the constructor, before a subclass's fields are set: read them only in callbacks. */
  protected abstract design(theme: Theme): ChartDesign;
}
