using System.Globalization;
using System.Text;

namespace Pipeline.Benchmarks.Generation;

/// <summary>
/// Formats one reading per call. The timestamp's text and the cycles are worked out once per distinct instant (rows
/// of one instant come together in most shapes).
/// </summary>
internal sealed class RowWriter(Utf8CsvBuffer output, Xoshiro256 random, GenerateOptions options)
{
    private readonly byte[] _stamp = new byte[32];
    private readonly double[] _base = new double[options.Columns.Count];
    private readonly byte[][] _missing = [.. options.Columns.Select(c => Encoding.ASCII.GetBytes(c.MissingText))];
    private int _stampLength;
    private DateTime _time = DateTime.MinValue;

    // The irregular shape writes a space between date and time, as many exports do; the others an ISO 'T'.
    private readonly string _format = options.Shape == DataShape.Irregular ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-ddTHH:mm:ss";

    public void Header() =>
        output.Write(Encoding.UTF8.GetBytes("sensor_id,timestamp," + string.Join(',', options.Columns.Select(c => c.Name)) + "\n"));

    public void Row(SensorProfile sensor, DateTime time)
    {
        if (time != _time)
        {
            At(time);
        }

        output.BeginRow();
        output.Write(sensor.Id);
        output.Write((byte)',');
        output.Write(_stamp.AsSpan(0, _stampLength));
        for (var c = 0; c < _base.Length; c++)
        {
            var column = options.Columns[c];
            output.Write((byte)',');
            var value = Math.Clamp(_base[c] + sensor.Offsets[c] + (column.NoiseSd * random.NextGaussian()), column.Low, column.High);
            WriteValue(c, value);
        }

        output.Write((byte)'\n');
    }

    public long Finish()
    {
        output.Flush();
        return output.BytesWritten;
    }

    private void At(DateTime time)
    {
        _time = time;
        time.TryFormat(_stamp, out _stampLength, _format, CultureInfo.InvariantCulture);
        var daily = Math.Cos(2.0 * Math.PI * (time.TimeOfDay.TotalDays - (15.0 / 24.0)));
        var seasonal = Math.Cos(2.0 * Math.PI * (time.DayOfYear - 205) / 365.25);
        for (var c = 0; c < _base.Length; c++)
        {
            var column = options.Columns[c];
            _base[c] = column.Mean + (column.Seasonal * seasonal) + (column.Daily * daily);
        }
    }

    private void WriteValue(int c, double value)
    {
        var column = options.Columns[c];
        var missing = column.Missing ?? options.MissingRate;
        var draw = random.NextDouble();
        if (draw < missing)
        {
            output.Write(_missing[c]);
        }
        else if (draw < missing + options.NaNRate)
        {
            output.Write("NaN"u8);
        }
        else
        {
            output.WriteFixed(value, column.Decimals);
        }
    }
}
