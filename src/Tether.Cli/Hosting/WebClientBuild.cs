namespace Tether.Cli.Hosting;

/// <summary>
/// The phone web client as built with this program (<c>npm run build:app</c> writes <c>web/dist</c>;
/// the build copies it beside <c>tether.dll</c> as <c>wwwroot/</c>). The relays that <c>tether</c>
/// starts serve it; without it they serve the relay's placeholder page, which says how to build it.
/// </summary>
internal static class WebClientBuild
{
    /// <summary>The folder to serve, or null when this build of tether carries no web client.</summary>
    public static string? Root
    {
        get
        {
            var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
            return File.Exists(Path.Combine(root, "index.html")) ? root : null;
        }
    }
}
