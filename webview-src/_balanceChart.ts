/**
 * The week chart: technical and managerial hours stacked per day, with a mark where the
 * technical part of each day would reach the target. Colours come from the VS Code theme at run
 * time and follow theme changes. Only the Chart.js pieces used are registered (bundle size).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import type { DayBar } from '../src/balance/report';
import { formatDuration } from '../src/core/timeline';
import { HOUR, ThemedChart, type ChartDesign, type Theme } from './_chartTheme';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Half a bar's width (bars fill 0.9 × 0.8 of their day's slot), so the target mark spans the bar. */
function markRadius(ctx: { chart: Chart }): number {
  const width = ctx.chart.chartArea?.width ?? 0;
  const days = ctx.chart.data.labels?.length || 7;
  return Math.max(6, (width / days) * 0.36);
}

export class BalanceChart extends ThemedChart {
  private todayIndex = -1;

  update(days: readonly DayBar[], targetPercent: number): void {
    this.todayIndex = days.findIndex((d) => d.isToday);
    const [target] = this.lineDatasets;
    this.chart.data.labels = days.map((d) => (d.isToday ? `${d.label} (today)` : d.label));
    this.setHours(days);
    target!.data = days.map((d) => {
      const total = d.technicalMs + d.managerialMs;
      return total > 0 ? (total * targetPercent) / 100 / HOUR : null;
    });
    target!.label = `Technical target (${targetPercent}%)`;
    this.chart.update();
    this.canvas.setAttribute('aria-label', `Hours per day this week. ${days
      .map((d) => `${d.label}: technical ${formatDuration(d.technicalMs)}, managerial ${formatDuration(d.managerialMs)}${d.meetingMs > 0 ? ` (meetings ${formatDuration(d.meetingMs)})` : ''}`)
      .join('; ')}.`);
  }

  protected design(theme: Theme): ChartDesign {
    const font = { family: theme.font };
    return {
      bars: ['Technical', 'Managerial', 'Meetings (calendar)'],
      barPlace: { order: 1 },
      lines: [{
        // Its own stack, so the mark sits at its value rather than on top of the bars, and a
        // lower order, so it is drawn over them.
        type: 'line', label: 'Technical target', data: [], stack: 'target', order: 0, showLine: false,
        pointStyle: 'line', pointRadius: markRadius, pointHoverRadius: markRadius, borderWidth: 3,
        borderColor: theme.target, backgroundColor: theme.target,
      }],
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
      tooltipLabel: (item) => `${item.dataset.label}: ${formatDuration(Number(item.raw) * HOUR)}`,
    };
  }
}
