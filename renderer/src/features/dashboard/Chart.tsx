import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// only what the dashboard draws, so the bundle stays small
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartRow {
  label: string;
  values: (string | number)[];
}

let canvasWorks: boolean | null = null;

/**
 * False where a canvas cannot draw: getContext gives null, or (as jsdom does) a stub without the
 * drawing calls. The chart then shows only its text alternative.
 */
export function canDraw(): boolean {
  if (canvasWorks === null) {
    try {
      const context = typeof document === 'undefined' ? null : (document.createElement('canvas').getContext('2d') ?? null);
      canvasWorks = context !== null && typeof context.measureText === 'function' && typeof context.fillRect === 'function';
    } catch {
      canvasWorks = false;
    }
  }
  return canvasWorks;
}

/**
 * One chart with its text alternative: the canvas is summarised by an aria-label, and the same
 * numbers are in a table — hidden visually until asked for, always there for screen readers,
 * tests and print. The option is re-applied whole when it changes (e.g. a new language); the chart
 * follows its box and the window in size, and is disposed when the view goes.
 */
export function Chart({ title, option, summary, columns, rows, height = 280 }: {
  title: string;
  option: ChartOption;
  /** one sentence saying what the chart shows, for the canvas's aria-label */
  summary: string;
  /** headings of the value columns of the table */
  columns: string[];
  rows: ChartRow[];
  height?: number;
}) {
  const { t } = useTranslation('dashboard');
  const headingId = useId();
  const tableId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const optionRef = useRef(option);
  const [showTable, setShowTable] = useState(false);
  const empty = rows.length === 0;

  useEffect(() => {
    optionRef.current = option;
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || empty || !canDraw()) return;
    let chart: EChartsType | null = null;
    // drawn once the box has a size (at once on screen; later if it starts hidden; never without layout)
    const start = () => {
      if (chart || box.clientWidth === 0) return;
      chart = echarts.init(box, undefined, { renderer: 'canvas' });
      chart.setOption(optionRef.current, { notMerge: true });
      chartRef.current = chart;
    };
    const resize = () => {
      if (!chart) start();
      else if (!chart.isDisposed()) chart.resize();
    };
    start();
    window.addEventListener('resize', resize);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(box);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      chart?.dispose();
      chartRef.current = null;
    };
  }, [empty]);

  return (
    <figure className="chart" aria-labelledby={headingId}>
      <figcaption className="chart-head">
        <h2 id={headingId}>{title}</h2>
        {empty ? null : (
          <button type="button" className="chart-toggle no-print" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
            {showTable ? t('charts.hideTable') : t('charts.showTable')}
          </button>
        )}
      </figcaption>
      {empty ? (
        <p className="chart-empty muted">{t('charts.empty')}</p>
      ) : (
        <div className="chart-canvas" ref={boxRef} role="img" aria-label={summary} style={{ height }} />
      )}
      {empty ? null : (
        <table id={tableId} className={showTable ? 'chart-table' : 'chart-table dashboard-sr-only'}>
          <caption className="chart-caption">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.label')}</th>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {r.values.map((v, i) => (
                  <td key={columns[i] ?? i}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
