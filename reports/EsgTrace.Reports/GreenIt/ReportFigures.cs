using EsgTrace.Reports.Pdf;

namespace EsgTrace.Reports.GreenIt;

/// <summary>Headline figures as a report shows them: the label small, the value and its unit large, each kept on one page.</summary>
public static class ReportFigures
{
    public static void Write(PageWriter page, IEnumerable<ReportFigure> figures)
    {
        foreach (var figure in figures)
        {
            page.Need(44);
            page.Text(figure.Label, Typography.Small);
            page.Text($"{figure.Value} {figure.Unit}", Typography.Figure);
        }
    }
}
