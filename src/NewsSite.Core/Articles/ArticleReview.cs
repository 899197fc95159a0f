namespace NewsSite.Core.Articles;

/// <summary>Where a draft stands in review (decision 0017). Publishing ends the review.</summary>
public enum ReviewState
{
    None,

    /// <summary>Submitted, waiting for an editor: shown as „Zur Prüfung“.</summary>
    Pending,

    /// <summary>Sent back to its writer with a comment.</summary>
    Returned,
}

/// <summary>What a review step found; anything but <see cref="Done"/> wrote nothing.</summary>
public enum ReviewChange
{
    Done,
    NotFound,

    /// <summary>Only a draft outside the trash can be submitted; only one waiting for review can be returned.</summary>
    WrongState,
}
