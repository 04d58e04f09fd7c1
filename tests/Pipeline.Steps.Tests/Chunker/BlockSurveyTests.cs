using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>
/// The one-pass survey of a block against plain counting: line breaks, quotes and carriage returns anywhere,
/// including in the tail after the last whole vector and on every 16-character boundary.
/// </summary>
public sealed class BlockSurveyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_survey_agrees_with_counting_character_by_character(int seed)
    {
        var random = new Random(seed);
        for (var block = 0; block < 500; block++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => "ab,1\n\"\r"[random.Next(block % 3 == 0 ? 7 : 5)])]);

            var survey = BlockSurvey.Of(text, '"');

            Assert.Equal(new BlockSurvey(text.Count(c => c == '\n'), '"', text.Contains('"'), text.Contains('\r')), survey);
        }
    }

    [Fact]
    public void Another_quote_character_is_looked_for()
    {
        Assert.Equal(new BlockSurvey(1, '\'', true, false), BlockSurvey.Of("a,'b',\"c\"\n" + new string('x', 40), '\''));
        Assert.Equal(new BlockSurvey(0, '\'', false, false), BlockSurvey.Of("\"" + new string('x', 40), '\''));
    }
}
