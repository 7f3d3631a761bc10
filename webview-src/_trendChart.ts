/**
 * The 8-week trend: hours per week (technical and managerial stacked, left axis) and the
 * technical share per week as a line against the target (right axis, percent). Colours come
 * from the VS Code theme, as in the week chart.
 */
import { Chart, Filler, LineController, LineElement, PointElement } from 'chart.js';
import type { TrendBar } from '../src/balance/report';
import { formatDuration } from '../src/core/timeline';
import { HOUR, ThemedChart, type ChartDesign, type Theme } from './_chartTheme';

Chart.register(LineController, LineElement, PointElement, Filler);

export class TrendChart extends ThemedChart {
  update(weeks: readonly TrendBar[], targetPercent: number): void {
    const [share, target] = this.lineDatasets;
    this.chart.data.labels = weeks.map((w) => (w.isThisWeek ? `${w.label} (this week)` : w.label));
    this.setHours(weeks);
    share!.data = weeks.map((w) => (w.technicalPercent === null ? null : Math.round(w.technicalPercent)));
    target!.data = weeks.map(() => targetPercent);
    target!.label = `Target (${targetPercent}% technical)`;
    this.chart.update();
    this.canvas.setAttribute('aria-label', `Technical share and hours per week, last ${weeks.length} weeks, against a ${targetPercent}% target. ${weeks
      .map((w) => `Week of ${w.label}: ${w.technicalPercent === null ? 'nothing tracked' : `${Math.round(w.technicalPercent)}% technical, ${formatDuration(w.technicalMs + w.managerialMs)}`}`)
      .join('; ')}.`);
  }

  protected design(theme: Theme): ChartDesign {
    const font = { family: theme.font };
    return {
      bars: ['Technical hours', 'Managerial hours', 'Meeting hours (calendar)'],
      barPlace: { order: 2, yAxisID: 'y' },
      lines: [
        {
          type: 'line', label: 'Technical share', data: [], yAxisID: 'share', order: 0, spanGaps: false,
          borderColor: theme.text, backgroundColor: theme.text, borderWidth: 2, pointRadius: 4, pointStyle: 'circle',
        },
        {
          type: 'line', label: 'Target', data: [], yAxisID: 'share', order: 1, borderDash: [6, 4],
          borderColor: theme.target, backgroundColor: theme.target, borderWidth: 1.5, pointRadius: 0, pointStyle: 'line',
        },
      ],
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
      tooltipLabel: (item) => (item.dataset.yAxisID === 'share'
        ? `${item.dataset.label}: ${item.raw === null ? '—' : `${String(item.raw)}%`}`
        : `${item.dataset.label}: ${formatDuration(Number(item.raw) * HOUR)}`),
    };
  }
}
