using Xunit;

namespace EsgTrace.Domain.Tests.Csv;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+SUM(1)", "\"'+SUM(1)\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("Kaveri Organic Farm", "Kaveri Organic Farm")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void TextCells_AreNeutralisedAndQuoted(string text, string written) => Assert.Equal(written, CsvWriter.Text(text));

    [Fact]
    public void NumberCells_StayNumbers_EvenNegative()
    {
        var csv = new CsvWriter("name", "kg", "n").Row("-5 kg", CsvCell.Number(-1.25m), CsvCell.Number(-3)).ToString();

        Assert.Equal("name,kg,n\r\n\"'-5 kg\",-1.25,-3\r\n", csv);
    }
}
