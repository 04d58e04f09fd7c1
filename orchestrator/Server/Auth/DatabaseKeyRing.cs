using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// Data Protection's key ring (the keys that encrypt session cookies and antiforgery tokens) in the orchestrator's
/// database: sessions survive a restart, every server behind one database accepts the same cookies, and steps, which
/// share the data folder, cannot read the keys. Data Protection caches the ring and calls this rarely, hence the
/// synchronous waits its interface asks for.
/// </summary>
internal sealed class DatabaseKeyRing(IAccountStore accounts) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. accounts.ReadKeyRingAsync(CancellationToken.None).GetAwaiter().GetResult().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) =>
        accounts.AddToKeyRingAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None).GetAwaiter().GetResult();
}
