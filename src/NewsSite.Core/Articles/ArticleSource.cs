namespace NewsSite.Core.Articles;

/// <summary>An article file split into its front matter and its Markdown body.</summary>
public sealed record ArticleSource(FrontMatter FrontMatter, string Body, int BodyStartLine);
