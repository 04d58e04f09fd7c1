using System.Text;
using Pipeline.Orchestrator.Engine.Secrets;

namespace Pipeline.Orchestrator.Tests.Secrets;

/// <summary>Secret values are masked on their way into a log file, however the writes split them.</summary>
public sealed class RedactionTests
{
    private const string Token = "s3cr3t-T0ken/with+chars";

    private static string Through(SecretValues secrets, params string[] writes)
    {
        using var file = new MemoryStream();
        var stream = secrets.Redacting(new KeepOpen(file));
        foreach (var write in writes)
        {
            stream.Write(Encoding.UTF8.GetBytes(write));
        }

        stream.Dispose();
        return Encoding.UTF8.GetString(file.ToArray());
    }

    private static SecretValues Of(params string[] values) =>
        new(values.Select((v, i) => KeyValuePair.Create($"s{i}", v)).ToDictionary());

    [Fact]
    public void A_value_split_anywhere_over_two_writes_is_masked()
    {
        var text = $"before {Token} after\n";
        var start = text.IndexOf(Token, StringComparison.Ordinal);
        for (var split = 0; split <= text.Length; split++)
        {
            Assert.Equal("before *** after\n", Through(Of(Token), text[..split], text[split..]));
        }

        Assert.True(start > 0);
    }

    [Fact]
    public void A_value_written_a_byte_at_a_time_is_masked() =>
        Assert.Equal("x***y***", Through(Of(Token), [.. $"x{Token}y{Token}".Select(c => c.ToString())]));

    [Fact]
    public void Text_is_written_as_it_comes_and_only_a_possible_start_of_a_value_waits()
    {
        using var file = new MemoryStream();
        using var stream = Of(Token).Redacting(new KeepOpen(file));

        stream.Write("progress 10% s3c"u8);
        stream.Flush();

        Assert.Equal("progress 10% ", Encoding.UTF8.GetString(file.ToArray()));
        stream.Write("ond\n"u8);
        Assert.Equal("progress 10% s3cond\n", Encoding.UTF8.GetString(file.ToArray()));
    }

    [Fact]
    public void The_held_start_of_a_value_is_written_at_the_end_when_no_more_came() =>
        Assert.Equal("ends with s3cr3t-T0", Through(Of(Token), "ends with s3cr3t-T0"));

    [Fact]
    public void A_value_containing_another_is_masked_whole_even_when_the_shorter_one_arrives_first() =>
        Assert.Equal("a *** b *** c", Through(Of("abc", "abcdef"), "a abc", "def b ab", "c c"));

    [Fact]
    public void Multi_byte_characters_and_multi_line_values_are_masked()
    {
        const string key = "-----BEGIN KEY-----\nMIIEpäöü€\n-----END KEY-----";

        Assert.Equal("key: ***\nok", Through(Of(key), "key: -----BEGIN KEY-----\nMIIEpä", "öü€\n-----END KEY-----\nok"));
    }

    [Fact]
    public void Without_secrets_the_stream_is_the_file_itself()
    {
        using var file = new MemoryStream();

        Assert.Same(file, SecretValues.None.Redacting(file));
        Assert.Same(file, Of("").Redacting(file));
    }

    [Fact]
    public void Messages_are_masked_and_the_values_never_show_in_their_description()
    {
        var secrets = Of(Token, "pw");

        Assert.Equal("exited with code 1: error: token *** rejected (***)", secrets.Redact($"exited with code 1: error: token {Token} rejected (pw)"));
        Assert.DoesNotContain(Token, secrets.ToString(), StringComparison.Ordinal);
        Assert.Equal("secrets: s0, s1", secrets.ToString());
    }

    /// <summary>A stream that survives its writer's dispose, so the test can read what was written.</summary>
    private sealed class KeepOpen(MemoryStream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
