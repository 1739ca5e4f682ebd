namespace EsgTrace.GreenIt;

/// <summary>How often a recurring money saving recurs.</summary>
public enum SavingPeriod
{
    Month,
    Quarter,
    Year,
}

/// <summary>
/// What a green-IT action cost and saves in money, in one currency (ISO 4217 code; never converted): the one-off cost of
/// doing it and the recurring saving per <see cref="Period"/> (lower bills, licences, hardware not bought).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.action-cost")]
public sealed record ActionCost(decimal OneOffCost, decimal RecurringSaving, SavingPeriod Period, string Currency);

/// <summary>An action's money: its cost, saving per month and payback.</summary>
[GenerateSerializer, Immutable, Alias("esg.action-payback")]
public sealed record ActionPayback(string Currency, decimal OneOffCost, decimal MonthlySaving, decimal AnnualSaving, decimal? PaybackMonths, string Explanation);

/// <summary>Payback = one-off cost ÷ money saved per month; a quarter is 3 months and a year 12. No currency conversion.</summary>
public static class ActionPaybackCalculator
{
    public static ActionPayback Of(ActionCost cost)
    {
        var monthly = cost.Period switch
        {
            SavingPeriod.Month => cost.RecurringSaving,
            SavingPeriod.Quarter => cost.RecurringSaving / 3,
            _ => cost.RecurringSaving / 12,
        };
        decimal? payback = monthly > 0 ? cost.OneOffCost / monthly : null;
        var per = cost.Period.ToString().ToLowerInvariant();
        var explanation = payback is { } p
            ? $"Payback {Units.Numbers.Plain(Math.Round(p, 1))} months = one-off cost {Money(cost.OneOffCost, cost.Currency)} ÷ {Money(monthly, cost.Currency)} saved a month ({Money(cost.RecurringSaving, cost.Currency)} a {per})."
            : $"No payback: the action saves no money ({Money(cost.OneOffCost, cost.Currency)} one-off).";
        return new ActionPayback(cost.Currency, cost.OneOffCost, monthly, monthly * 12, payback, explanation);
    }

    public static string Money(decimal amount, string currency) => $"{Math.Round(amount, 2).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture)} {currency}";
}
