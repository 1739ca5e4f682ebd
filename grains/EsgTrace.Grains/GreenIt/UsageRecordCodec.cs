using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// The bytes of one usage-log row: up to <see cref="UsageLog.MaxRowsPerChunk"/> usage records of one workload and month,
/// written with <see cref="BinaryWriter"/>: decimals exactly but compact (scale and sign in a byte, then the 96-bit
/// mantissa as a 7-bit varint, so 24 takes two bytes), strings length-prefixed UTF-8, provider and region only when they
/// differ from the previous record's, GPU-hours and GPU utilisation only when given (rows written before they existed read
/// as none). Format 1; the workload id is the row's partition and not repeated.
/// </summary>
public static class UsageRecordCodec
{
    private const byte Format = 1;

    [Flags]
    private enum Present : byte
    {
        None = 0,
        Utilisation = 1,
        Measured = 2,
        Units = 4,
        SourceKey = 8,
        Cost = 16,
        SameWhere = 32,
        GpuHours = 64,
        GpuUtilisation = 128,
    }

    public static byte[] Encode(IReadOnlyList<UsageRow> rows)
    {
        using var buffer = new MemoryStream(64 + (rows.Count * 160));
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Format);
            w.Write(rows.Count);
            UsageRow? previous = null;
            foreach (var r in rows)
            {
                var u = r.Usage;
                var same = previous is not null && previous.Provider == r.Provider && previous.Region == r.Region;
                previous = r;
                var present = (u.CpuUtilisationPercent is null ? Present.None : Present.Utilisation) | (u.MeasuredFacilityKwh is null ? Present.None : Present.Measured)
                    | (r.FunctionalUnits is null ? Present.None : Present.Units) | (r.SourceKey is null ? Present.None : Present.SourceKey) | (r.Cost is null ? Present.None : Present.Cost)
                    | (same ? Present.SameWhere : Present.None) | (u.GpuHours == 0 ? Present.None : Present.GpuHours)
                    | (u.GpuUtilisationPercent is null ? Present.None : Present.GpuUtilisation);
                w.Write((byte)present);
                Date(w, r.PeriodStart);
                Date(w, r.PeriodEnd);
                if (!same)
                {
                    w.Write(r.Provider);
                    w.Write(r.Region);
                }

                Number(w, u.VcpuHours);
                Number(w, u.MemoryGbHours);
                Number(w, u.SsdTbHours);
                Number(w, u.HddTbHours);
                Number(w, u.NetworkGb);
                w.Write((byte)u.ReplicationFactor);
                if (u.CpuUtilisationPercent is { } utilisation)
                {
                    Number(w, utilisation);
                }

                if (u.MeasuredFacilityKwh is { } measured)
                {
                    Number(w, measured);
                }

                if (r.FunctionalUnits is { } units)
                {
                    Number(w, units);
                }

                if (r.SourceKey is { } key)
                {
                    w.Write(key);
                }

                if (r.Cost is { } cost)
                {
                    Number(w, cost.BilledCost);
                    Number(w, cost.EffectiveCost);
                    w.Write(cost.Currency);
                }

                if (u.GpuHours != 0)
                {
                    Number(w, u.GpuHours);
                }

                if (u.GpuUtilisationPercent is { } gpuUtilisation)
                {
                    Number(w, gpuUtilisation);
                }
            }
        }

        return buffer.ToArray();
    }

    public static List<UsageRow> Decode(string workloadId, ReadOnlyMemory<byte> data)
    {
        using var stream = Storage.BlobStreams.Open(data);
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8);
        var format = r.ReadByte();
        if (format != Format)
        {
            throw new InvalidDataException($"Usage-log row of workload '{workloadId}' has format {format}; this version reads format {Format}.");
        }

        var count = r.ReadInt32();
        var rows = new List<UsageRow>(count);
        string provider = string.Empty, region = string.Empty;
        for (var i = 0; i < count; i++)
        {
            var present = (Present)r.ReadByte();
            var start = Date(r);
            var end = Date(r);
            if (!present.HasFlag(Present.SameWhere))
            {
                provider = r.ReadString();
                region = r.ReadString();
            }

            var vcpu = Number(r);
            var memory = Number(r);
            var ssd = Number(r);
            var hdd = Number(r);
            var network = Number(r);
            var replication = r.ReadByte();
            decimal? utilisation = present.HasFlag(Present.Utilisation) ? Number(r) : null;
            decimal? measured = present.HasFlag(Present.Measured) ? Number(r) : null;
            decimal? units = present.HasFlag(Present.Units) ? Number(r) : null;
            var key = present.HasFlag(Present.SourceKey) ? r.ReadString() : null;
            var cost = present.HasFlag(Present.Cost) ? new UsageCost(Number(r), Number(r), r.ReadString()) : null;
            var gpuHours = present.HasFlag(Present.GpuHours) ? Number(r) : 0;
            decimal? gpuUtilisation = present.HasFlag(Present.GpuUtilisation) ? Number(r) : null;
            rows.Add(new UsageRow(workloadId, start, end, provider, region, new ItUsage(vcpu, utilisation, memory, ssd, hdd, network, replication, measured, gpuHours, gpuUtilisation), units, key, cost));
        }

        return rows;
    }

    /// <summary>A decimal as its scale and sign (one byte) and its 96-bit mantissa as a 7-bit varint: exact, and small for small numbers.</summary>
    private static void Number(BinaryWriter w, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        w.Write((byte)(scale | (bits[3] < 0 ? 0x80 : 0)));
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        do
        {
            var b = (byte)(mantissa & 0x7F);
            mantissa >>= 7;
            w.Write(mantissa == 0 ? b : (byte)(b | 0x80));
        }
        while (mantissa != 0);
    }

    private static decimal Number(BinaryReader r)
    {
        var head = r.ReadByte();
        UInt128 mantissa = 0;
        var shift = 0;
        byte b;
        do
        {
            b = r.ReadByte();
            mantissa |= (UInt128)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), (head & 0x80) != 0, (byte)(head & 0x7F));
    }

    private static void Date(BinaryWriter w, LocalDate date)
    {
        w.Write((short)date.Year);
        w.Write((byte)date.Month);
        w.Write((byte)date.Day);
    }

    private static LocalDate Date(BinaryReader r) => new(r.ReadInt16(), r.ReadByte(), r.ReadByte());
}
