using System.ComponentModel.DataAnnotations;
using NewsSite.Web.Hosting;

namespace NewsSite.Web.Tests.Hosting;

/// <summary>The per-request upload limits are settings like the others: validated at start, refused in German.</summary>
public class UploadLimitOptionsTests
{
    private static List<string> Problems(NewsSiteOptions options)
    {
        // What ValidateDataAnnotations runs at start.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void TheDefaults_AreValid_AndAllowTwoHundredFilesAnd32MBPerUpload()
    {
        var options = new NewsSiteOptions { BaseUrl = "https://nachrichten.example" };

        Assert.Empty(Problems(options));
        Assert.Equal((200, 32L * 1024 * 1024), (options.MaxFilesPerUpload, options.MaxUploadBytes));
    }

    [Fact]
    public void LimitsOutOfRange_OrAnUploadSmallerThanOneFile_AreRefusedInGerman()
    {
        Assert.Equal(["NewsSite:MaxFilesPerUpload muss zwischen 1 und 10.000 liegen."],
            Problems(new NewsSiteOptions { BaseUrl = "https://nachrichten.example", MaxFilesPerUpload = 0 }));
        Assert.Equal(["NewsSite:MaxUploadBytes (2048) darf nicht kleiner sein als NewsSite:MaxMarkdownFileBytes (4096)."],
            Problems(new NewsSiteOptions { BaseUrl = "https://nachrichten.example", MaxMarkdownFileBytes = 4096, MaxUploadBytes = 2048 }));
    }
}
