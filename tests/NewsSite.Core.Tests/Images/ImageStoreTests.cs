using NewsSite.Core.Images;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Images;

public class ImageStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<byte[], string?> Signatures() => new()
    {
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], ".png" },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0], ".jpg" },
        { "GIF89a.."u8.ToArray(), ".gif" },
        { "GIF87a.."u8.ToArray(), ".gif" },
        { "RIFF\0\0\0\0WEBPVP8 "u8.ToArray(), ".webp" },
        { "RIFF\0\0\0\0WAVEfmt "u8.ToArray(), null },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), null },
        { "<html><script>alert(1)</script>"u8.ToArray(), null },
        { [0x89, 0x50, 0x4E], null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void TheTypeComesFromTheBytes(byte[] bytes, string? extension)
    {
        Assert.Equal(extension, ImageStore.Sniff(bytes)?.Extension);
    }

    [Fact]
    public async Task SameBytes_SameName_StoredOnce()
    {
        var folder = TestDatabase.NewDirectory();
        var store = new ImageStore(folder, 64 * 1024);
        using var dot = NetVips.Image.Black(3, 2);
        var gif = dot.GifsaveBuffer();

        var first = await store.SaveAsync(new MemoryStream(gif), Token);
        var second = await store.SaveAsync(new MemoryStream(gif), Token);

        Assert.Equal(first.FileName, second.FileName);
        Assert.Matches("^[0-9a-f]{32}\\.gif$", first.FileName);
        Assert.Equal((3, 2), (first.Width, first.Height));
        Assert.Equal([first.FileName], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal(gif, await File.ReadAllBytesAsync(Path.Combine(folder, first.FileName), Token)); // nothing to strip: kept as is
    }

    [Fact]
    public async Task TooLarge_IsRefusedWithoutReadingItAll()
    {
        var store = new ImageStore(TestDatabase.NewDirectory(), 1024);
        var endless = new CountingStream();

        var error = await Assert.ThrowsAsync<ImageRejectedException>(() => store.SaveAsync(endless, Token));

        Assert.Contains("zu groß", error.Message, StringComparison.Ordinal);
        Assert.InRange(endless.BytesRead, 1025, 1024 + 81920);
    }

    /// <summary>An image stream that never ends.</summary>
    private sealed class CountingStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(0x47);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
