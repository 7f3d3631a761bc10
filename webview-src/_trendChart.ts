/**
 * The 8-week trend: hours per week (technical and managerial stacked, left axis) and the
 * technical share per week as a line against the target (right axis, percent). Colours come
 * from the VS Code theme, as in the week chart.
 */
import { Chart, Filler, LineController, LineElement, PointElement, type ChartConfiguration } from 'chart.js';
import type { TrendBar } from '../src/balance/report';
import { formatDuration } from '../src/core/timeline';
import { HOUR, onThemeChange, readTheme, type Theme } from './_balanceChart';

Chart.register(LineController, LineElement, PointElement, Filler);

type Config = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

export class TrendChart {
  private readonly chart: Chart<'bar' | 'line', (number | null)[], string>;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.chart = new Chart(canvas, this.config(readTheme()));
    onThemeChange(() => this.retheme());
  }

  update(weeks: readonly TrendBar[], targetPercent: number): void {
    const [technical, managerial, share, target] = this.chart.data.datasets;
    this.chart.data.labels = weeks.map((w) => (w.isThisWeek ? `${w.label} (this week)` : w.label));
    technical!.data = weeks.map((w) => w.technicalMs / HOUR);
    managerial!.data = weeks.map((w) => w.managerialMs / HOUR);
    share!.data = weeks.map((w) => (w.technicalPercent === null ? null : Math.round(w.technicalPercent)));
    target!.data = weeks.map(() => targetPercent);
    target!.label = `Target (${targetPercent}% technical)`;
    this.chart.update();
    this.canvas.setAttribute('aria-label', `Technical share and hours per week, last ${weeks.length} weeks, against a ${targetPercent}% target. ${weeks
      .map((w) => `Week of ${w.label}: ${w.technicalPercent === null ? 'nothing tracked' : `${Math.round(w.technicalPercent)}% technical, ${formatDuration(w.technicalMs + w.managerialMs)}`}`)
      .join('; ')}.`);
  }

  private retheme(): void {
    const theme = readTheme();
    const fresh = this.config(theme);
    fresh.data.datasets.forEach((d, i) => {
      const mine = this.chart.data.datasets[i]!;
      mine.backgroundColor = d.backgroundColor;
      mine.borderColor = d.borderColor;
    });
    this.chart.options.scales = fresh.options!.scales;
    this.chart.options.plugins = fresh.options!.plugins;
    this.chart.update('none');
  }

  private config(theme: Theme): Config {
    const font = { family: theme.font };
    return {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          { type: 'bar', label: 'Technical hours', data: [], backgroundColor: theme.technical, stack: 'time', yAxisID: 'y', order: 2, pointStyle: 'rect' },
          { type: 'bar', label: 'Managerial hours', data: [], backgroundColor: theme.managerial, stack: 'time', yAxisID: 'y', order: 2, pointStyle: 'rect' },
          {
            type: 'line', label: 'Technical share', data: [], yAxisID: 'share', order: 0, spanGaps: false,
            borderColor: theme.text, backgroundColor: theme.text, borderWidth: 2, pointRadius: 4, pointStyle: 'circle',
          },
          {
            type: 'line', label: 'Target', data: [], yAxisID: 'share', order: 1, borderDash: [6, 4],
            borderColor: theme.target, backgroundColor: theme.target, borderWidth: 1.5, pointRadius: 0, pointStyle: 'line',
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { color: theme.text, font } },
          y: {
            stacked: true, beginAtZero: true, suggestedMax: 40, position: 'left',
            grid: { color: theme.grid }, ticks: { color: theme.text, font, callback: (value) => `${value}h` },
          },
          share: {
            min: 0, max: 100, position: 'right', grid: { display: false },
            ticks: { color: theme.text, font, stepSize: 25, callback: (value) => `${value}%` },
          },
        },
        plugins: {
          legend: { labels: { color: theme.text, font, usePointStyle: true, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } },
          tooltip: {
            titleFont: font,
            bodyFont: font,
            callbacks: {
              label: (item) => (item.dataset.yAxisID === 'share'
                ? `${item.dataset.label}: ${item.raw === null ? '—' : `${String(item.raw)}%`}`
                : `${item.dataset.label}: ${formatDuration(Number(item.raw) * HOUR)}`),
            },
          },
        },
      },
    };
  }
}
