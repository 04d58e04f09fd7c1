using System.Globalization;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.Tests.Chunker;

public sealed class DecimalParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("+7")]
    [InlineData("21.25")]
    [InlineData("-3.5")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("007.50")]
    [InlineData("999999999999999")]
    [InlineData("0.00000000000001")]
    [InlineData("123456.789012345")]
    [InlineData("-98765432.1012345")]
    public void Plain_decimals_parse_to_the_same_bits_as_double_Parse(string text)
    {
        Assert.True(DecimalParser.TryParse(text, out var value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+")]
    [InlineData(".")]
    [InlineData("1e3")]
    [InlineData("1.5E-2")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("1,5")]
    [InlineData("NA")]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456789")]
    public void Anything_else_is_left_to_the_framework(string text) => Assert.False(DecimalParser.TryParse(text, out _));

    [Fact]
    public void Random_decimals_of_up_to_15_digits_match_double_Parse()
    {
        var random = new Random(7);
        for (var n = 0; n < 200_000; n++)
        {
            var digits = random.Next(1, 16);
            var chars = new char[digits];
            for (var d = 0; d < digits; d++)
            {
                chars[d] = (char)('0' + random.Next(10));
            }

            var number = new string(chars);
            var point = random.Next(0, digits + 1);
            var text = (random.Next(3) switch { 0 => "-", 1 => "+", _ => string.Empty }) + number[..point] + "." + number[point..];
            Assert.True(DecimalParser.TryParse(text, out var value), text);
            Assert.True(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(value), text);
        }
    }
}
