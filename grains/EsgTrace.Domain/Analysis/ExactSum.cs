using System.Numerics;

namespace EsgTrace.Analysis;

/// <summary>
/// A running sum of decimals that terms can leave and join in any order, kept exactly (as an integer count of 10^-28)
/// together with how many terms have each scale. While the sum of the terms' magnitudes fits decimal's 96 bits at the
/// largest scale among them, no partial sum of an in-order left fold (what <c>Enumerable.Sum</c> does) can round, so the
/// fold's result is exactly this sum at that scale: <see cref="TryValue"/> gives it. Otherwise the fold may have rounded
/// along the way, and only redoing it in order gives the same bits (the caller does).
/// </summary>
public sealed class ExactSum
{
    private static readonly BigInteger MaxMantissa = (BigInteger)decimal.MaxValue;
    private static readonly BigInteger[] Powers = Enumerable.Range(0, 29).Select(i => BigInteger.Pow(10, i)).ToArray();
    private readonly int[] _scales = new int[29];
    private BigInteger _sum;
    private BigInteger _magnitude;

    public int Count { get; private set; }

    public void Add(decimal value) => Move(value, +1);

    public void Remove(decimal value) => Move(value, -1);

    /// <summary>The in-order left fold of the terms held, when it is sure to equal their exact sum (see the class).</summary>
    public bool TryValue(out decimal value)
    {
        value = 0m;
        if (Count == 0)
        {
            return true;
        }

        var scale = 28;
        while (_scales[scale] == 0)
        {
            scale--;
        }

        var divisor = Powers[28 - scale];
        if (_magnitude / divisor > MaxMantissa)
        {
            return false;
        }

        var mantissa = _sum / divisor;
        var negative = mantissa.Sign < 0;
        var bits = BigInteger.Abs(mantissa).ToByteArray(isUnsigned: true, isBigEndian: false);
        Span<byte> twelve = stackalloc byte[12];
        bits.AsSpan(0, Math.Min(bits.Length, 12)).CopyTo(twelve);
        value = new decimal(BitConverter.ToInt32(twelve[..4]), BitConverter.ToInt32(twelve[4..8]), BitConverter.ToInt32(twelve[8..]), negative, (byte)scale);
        return true;
    }

    private void Move(decimal value, int sign)
    {
        var scale = value.Scale;
        var unscaled = Unscaled(value) * Powers[28 - scale];
        _sum += sign * unscaled;
        _magnitude += sign * BigInteger.Abs(unscaled);
        _scales[scale] += sign;
        Count += sign;
    }

    private static BigInteger Unscaled(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return bits[3] < 0 ? -magnitude : magnitude;
    }
}
