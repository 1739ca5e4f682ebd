using EsgTrace.Analysis;

using Xunit;

namespace EsgTrace.Domain.Tests.Analysis;

public sealed class ExactSumTests
{
    [Fact]
    public void Terms_leaving_and_joining_give_the_in_order_fold_whenever_it_cannot_have_rounded()
    {
        var random = new Random(7);
        var terms = new List<decimal>();
        var sum = new ExactSum();
        var exact = 0;
        for (var step = 0; step < 3000; step++)
        {
            if (terms.Count > 24 || (terms.Count > 0 && random.Next(3) == 0))
            {
                var at = random.Next(terms.Count);
                sum.Remove(terms[at]);
                terms.RemoveAt(at);
            }
            else
            {
                var term = random.Next(4) switch
                {
                    0 => random.Next(1, 1000) / 3000m,
                    1 => Math.Round((decimal)random.NextDouble() / 10, random.Next(0, 10)),
                    2 => -random.Next(1, 50) / 7000m,
                    _ => random.Next(0, 100) * (random.Next(2) == 0 ? 1.000m : 0.001m),
                };
                terms.Insert(random.Next(terms.Count + 1), term);
                sum.Add(term);
            }

            decimal folded = 0;
            foreach (var t in terms)
            {
                folded += t;
            }

            if (sum.TryValue(out var value))
            {
                exact++;
                Assert.Equal(decimal.GetBits(folded), decimal.GetBits(value));
            }
        }

        Assert.True(exact > 100, $"only {exact} sums were exact");
    }

    [Fact]
    public void An_empty_sum_is_zero_with_no_decimals() =>
        Assert.Equal(decimal.GetBits(0m), decimal.GetBits(new ExactSum().TryValue(out var v) ? v : -1m));
}
