namespace NewsSite.Core.Articles;

/// <summary>
/// Authors and their bios: the public author page's read, the admin's list and form, and the import of profile files.
/// Every saved bio is kept as a version. Authors are created by the article writes, named by their byline.
/// </summary>
public interface IAuthorStore
{
    /// <summary>
    /// An author's name and slug, for the author feeds. Only an author with at least one published article is found:
    /// one whose articles are all drafts, scheduled or trashed is, to readers, the same as an unknown name, so that a
    /// byline under embargo cannot be confirmed by guessing.
    /// </summary>
    Task<AuthorLink?> FindAuthorAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The author page's read with the bio; found under the same rule as <see cref="FindAuthorAsync"/>.</summary>
    Task<AuthorDetails?> FindAuthorDetailsAsync(string slug, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Every author, in German alphabetical order, with their articles outside the trash and the published ones.</summary>
    Task<IReadOnlyList<EditorAuthorSummary>> ListAuthorsForEditorsAsync(CancellationToken cancellationToken = default);

    Task<EditableAuthor?> FindAuthorForEditingAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>
    /// An editor's save of a bio: the author's current bio and a new version, in one transaction. Saving the unchanged
    /// bio writes nothing. <paramref name="expectedVersion"/> is the version the form was opened at; if someone saved
    /// in between, nothing is written and <see cref="AuthorBioConcurrencyException"/> says who.
    /// </summary>
    /// <exception cref="AuthorNotFoundException">There is no such author.</exception>
    Task<AuthorBioWriteResult> SaveBioAsync(
        string slug, int expectedVersion, AuthorBio bio, string editor, CancellationToken cancellationToken = default);

    /// <summary>
    /// The importer's write of a profile file, in one transaction: creates the author if there is none yet, and
    /// stores the bio as a new version when it differs. The file's hash is kept, so an unchanged file changes nothing,
    /// and a bio edited in the admin since stays until the file itself changes. An existing author keeps their name
    /// (the first spelling stays). With <paramref name="dryRun"/> it is all rolled back.
    /// </summary>
    Task<ProfileWriteResult> SaveProfileAsync(
        AuthorProfile profile, string sourcePath, bool dryRun = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current slug of an author who had <paramref name="oldSlug"/> before a rename or a change of address, when
    /// they have a published article (else, as for an unknown name, null: an embargoed byline stays unconfirmed).
    /// </summary>
    Task<string?> FindRedirectAsync(string oldSlug, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The name of the profile linked to the account, for the byline of that person's new article; null without one.</summary>
    Task<string?> FindNameForAccountAsync(string accountName, CancellationToken cancellationToken = default);

    /// <summary>
    /// The admin's change of a profile, in one transaction: name, address and account link. A new address keeps the
    /// old one answering 301 (author_redirects), as does the address the old and the new name derive; a new name
    /// rewrites the author:/authors: line of every article naming the author as a new revision by
    /// <paramref name="editor"/>; one journal entry names every visible article before and after.
    /// </summary>
    /// <exception cref="AuthorNotFoundException">There is no such author.</exception>
    /// <exception cref="AuthorProfileException">A name, address or account that another profile has, or a bad one.</exception>
    Task<AuthorProfileChange> UpdateProfileAsync(string slug, AuthorProfileEdit edit, string editor, CancellationToken cancellationToken = default);
}
