/**
 * The week chart: technical and managerial hours stacked per day, with a mark where the
 * technical part of each day would reach the target. Colours come from the VS Code theme at run
 * time and follow theme changes. Only the Chart.js pieces used are registered (bundle size).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import type { DayBar } from '../src/balance/report';
import { formatDuration } from '../src/core/timeline';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export const HOUR = 3_600_000;

export interface Theme {
  readonly technical: string;
  readonly managerial: string;
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

type Config = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

/** Half a bar's width (bars fill 0.9 × 0.8 of their day's slot), so the target mark spans the bar. */
function markRadius(ctx: { chart: Chart }): number {
  const width = ctx.chart.chartArea?.width ?? 0;
  const days = ctx.chart.data.labels?.length || 7;
  return Math.max(6, (width / days) * 0.36);
}

export class BalanceChart {
  private readonly chart: Chart<'bar' | 'line', (number | null)[], string>;
  private todayIndex = -1;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.chart = new Chart(canvas, this.config(readTheme()));
    onThemeChange(() => this.retheme());
  }

  update(days: readonly DayBar[], targetPercent: number): void {
    this.todayIndex = days.findIndex((d) => d.isToday);
    const [technical, managerial, target] = this.chart.data.datasets;
    this.chart.data.labels = days.map((d) => (d.isToday ? `${d.label} (today)` : d.label));
    technical!.data = days.map((d) => d.technicalMs / HOUR);
    managerial!.data = days.map((d) => d.managerialMs / HOUR);
    target!.data = days.map((d) => {
      const total = d.technicalMs + d.managerialMs;
      return total > 0 ? (total * targetPercent) / 100 / HOUR : null;
    });
    target!.label = `Technical target (${targetPercent}%)`;
    this.chart.update();
    this.canvas.setAttribute('aria-label', `Hours per day this week. ${days
      .map((d) => `${d.label}: technical ${formatDuration(d.technicalMs)}, managerial ${formatDuration(d.managerialMs)}`)
      .join('; ')}.`);
  }

  private retheme(): void {
    const theme = readTheme();
    const [technical, managerial, target] = this.chart.data.datasets;
    technical!.backgroundColor = theme.technical;
    managerial!.backgroundColor = theme.managerial;
    target!.borderColor = theme.target;
    target!.backgroundColor = theme.target;
    const fresh = this.config(theme).options!;
    this.chart.options.scales = fresh.scales;
    this.chart.options.plugins = fresh.plugins;
    this.chart.update('none');
  }

  private config(theme: Theme): Config {
    const font = { family: theme.font };
    return {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          { type: 'bar', label: 'Technical', data: [], backgroundColor: theme.technical, stack: 'time', order: 1, pointStyle: 'rect' },
          { type: 'bar', label: 'Managerial', data: [], backgroundColor: theme.managerial, stack: 'time', order: 1, pointStyle: 'rect' },
          {
            // Its own stack, so the mark sits at its value rather than on top of the bars, and a
            // lower order, so it is drawn over them.
            type: 'line', label: 'Technical target', data: [], stack: 'target', order: 0, showLine: false,
            pointStyle: 'line', pointRadius: markRadius, pointHoverRadius: markRadius, borderWidth: 3,
            borderColor: theme.target, backgroundColor: theme.target,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: {
            stacked: true,
            grid: { display: false },
            ticks: { color: theme.text, font: (ctx) => ({ ...font, weight: ctx.index === this.todayIndex ? 'bold' : 'normal' }) },
          },
          y: {
            stacked: true,
            beginAtZero: true,
            suggestedMax: 8,
            grid: { color: theme.grid },
            ticks: { color: theme.text, font, callback: (value) => `${value}h` },
          },
        },
        plugins: {
          legend: { labels: { color: theme.text, font, usePointStyle: true, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } },
          tooltip: {
            titleFont: font,
            bodyFont: font,
            callbacks: { label: (item) => `${item.dataset.label}: ${formatDuration(Number(item.raw) * HOUR)}` },
          },
        },
      },
    };
  }
}
