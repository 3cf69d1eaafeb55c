import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Colours that keep 3:1 against white for lines and bars; the table beside each chart carries the numbers. */
export const SERIES_COLORS = ["#1e6fb8", "#b35c00", "#2f7d4f", "#7a3e9d", "#a4133c", "#00696b"];
export const STAGE_COLORS: Record<string, string> = {
  arrival: "#1e6fb8",
  decision: "#7a3e9d",
  identity: "#00696b",
  settlement: "#b35c00",
  work: "#2f7d4f",
};

export interface ChartPoint {
  name: string;
  /** null: no value, or a value hidden below the threshold (then `shown` says "< 5"). */
  value: number | null;
  shown: string;
}

const numberTick = (locale: string) => (v: number) =>
  new Intl.NumberFormat(locale, { notation: v >= 10_000 ? "compact" : "standard" }).format(v);

/** One metric over time. Hidden small values leave a gap and read "< 5" in the tooltip. */
export function SeriesChart({
  data,
  label,
  locale,
  color = SERIES_COLORS[0],
  height = 180,
}: {
  data: ChartPoint[];
  label: string;
  locale: string;
  color?: string;
  height?: number;
}) {
  return (
    <div style={{ width: "100%", height }} role="img" aria-label={label}>
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={numberTick(locale)} width={48} />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as ChartPoint).shown, label]} />
          <Line
            type="monotone"
            dataKey="value"
            name={label}
            stroke={color}
            strokeWidth={2}
            dot={{ r: 2 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The journey's latest period, one bar per metric in the order of the stages, each labelled with its value. */
export function FlowChart({ data, label, locale }: { data: Array<ChartPoint & { stage: string }>; label: string; locale: string }) {
  return (
    <div style={{ width: "100%", height: Math.max(180, data.length * 38 + 40) }} role="img" aria-label={label}>
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 64, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={numberTick(locale)} />
          <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(_value, _name, item) => [(item.payload as ChartPoint).shown, label]} />
          <Bar dataKey="value" name={label} isAnimationActive={false} fill={SERIES_COLORS[0]}>
            <LabelList dataKey="shown" position="right" style={{ fontSize: 12, fill: "#1f2937" }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Several metrics on one time axis. */
export function CompareChart({
  data,
  series,
  label,
  locale,
}: {
  data: Array<Record<string, string | number | null>>;
  series: Array<{ key: string; name: string }>;
  label: string;
  locale: string;
}) {
  return (
    <div style={{ width: "100%", height: 320 }} role="img" aria-label={label}>
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={numberTick(locale)} width={56} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {series.map((s, i) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              strokeWidth={2}
              strokeDasharray={i % 2 ? "6 3" : undefined}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
