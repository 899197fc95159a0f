using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;

namespace NewsSite.Web.Nodes;

/// <summary>
/// The Data Protection key ring of a node among several: Redis holds it for all nodes, and each node keeps a copy in
/// its data folder (keys/), so that a node started while Redis is away still opens the sessions and forms the others
/// sealed. Without the copy such a node could read no key at all, and every login through it would fail.
/// New keys are written to Redis first: a key only this node knew would lock the others out of what it seals.
/// </summary>
public sealed partial class MirroredKeyRing(IXmlRepository shared, IXmlRepository copy, ILogger<MirroredKeyRing> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        IReadOnlyCollection<XElement> keys;
        try
        {
            keys = shared.GetAllElements();
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            LogFromCopy(e);
            return copy.GetAllElements();
        }

        var copied = copy.GetAllElements().Select(Id).ToHashSet(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => !copied.Contains(Id(k))))
        {
            copy.StoreElement(key, "key-" + Id(key));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        shared.StoreElement(element, friendlyName);
        copy.StoreElement(element, friendlyName);
    }

    private static string Id(XElement key) => (string?)key.Attribute("id") ?? key.ToString(SaveOptions.DisableFormatting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schlüsselring: Redis nicht erreichbar, die Kopie im Datenordner gilt")]
    private partial void LogFromCopy(Exception exception);
}
