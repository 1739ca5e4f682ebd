using System.Numerics;

namespace EsgTrace.Analysis;

/// <summary>
/// A running sum of decimals that terms can leave and join in any order, kept exactly: per scale (number of decimals),
/// the sum of the terms' integer mantissas and of their magnitudes (128-bit: 2^31 terms of 96 bits fit), and how many
/// terms have that scale. While the sum of the terms' magnitudes fits decimal's 96 bits at the largest scale among them,
/// no partial sum of an in-order left fold (what <c>Enumerable.Sum</c> does) can round, so the fold's result is exactly
/// this sum at that scale: <see cref="TryValue"/> gives it. Otherwise the fold may have rounded along the way, and only
/// redoing it in order gives the same bits (the caller does).
/// </summary>
public sealed class ExactSum
{
    private static readonly BigInteger MaxMantissa = (BigInteger)decimal.MaxValue;
    private static readonly BigInteger[] Powers = Enumerable.Range(0, 29).Select(i => BigInteger.Pow(10, i)).ToArray();
    private readonly Int128[] _sums = new Int128[29];
    private readonly Int128[] _magnitudes = new Int128[29];
    private readonly int[] _counts = new int[29];

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
        while (_counts[scale] == 0)
        {
            scale--;
        }

        BigInteger sum = 0, magnitude = 0;
        for (var s = 0; s <= scale; s++)
        {
            if (_counts[s] != 0)
            {
                sum += (BigInteger)_sums[s] * Powers[scale - s];
                magnitude += (BigInteger)_magnitudes[s] * Powers[scale - s];
            }
        }

        if (magnitude > MaxMantissa)
        {
            return false;
        }

        var negative = sum.Sign < 0;
        var bits = (UInt128)BigInteger.Abs(sum);
        value = new decimal((int)(uint)bits, (int)(uint)(bits >> 32), (int)(uint)(bits >> 64), negative, (byte)scale);
        return true;
    }

    private void Move(decimal value, int sign)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var signed = bits[3] < 0 ? -magnitude : magnitude;
        if (sign > 0)
        {
            _sums[scale] += signed;
            _magnitudes[scale] += magnitude;
        }
        else
        {
            _sums[scale] -= signed;
            _magnitudes[scale] -= magnitude;
        }

        _counts[scale] += sign;
        Count += sign;
    }
}
