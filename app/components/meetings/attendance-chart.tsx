import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Agencies present per meeting, as bars. The same numbers are in a table beside it. */
export function AttendanceChart({ points, label }: { points: Array<{ date: string; agencies: number }>; label: string }) {
  return (
    <div style={{ width: "100%", height: 280 }} role="img" aria-label={label}>
      <ResponsiveContainer>
        <BarChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="agencies" name={label} fill="#1e6fb8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
