using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Tether.Relay.StaticFiles;

/// <summary>
/// The web client's files: a directory when there is one, otherwise the built-in placeholder page.
/// <c>/pair</c> answers with the app page too: a pairing link is <c>&lt;relay&gt;/pair#…</c>, and the
/// fragment never reaches the relay.
/// </summary>
internal static class StaticSite
{
    private const string IndexFile = "index.html";

    /// <summary>The files to serve for <paramref name="root"/> (null: <c>web/dist</c> under <paramref name="contentRoot"/> if present).</summary>
    /// <exception cref="DirectoryNotFoundException">An explicit root that does not exist.</exception>
    public static IFileProvider Files(string? root, string contentRoot)
    {
        if (root is not null)
        {
            var full = Path.GetFullPath(root, contentRoot);
            return Directory.Exists(full) ? new PhysicalFileProvider(full) : throw new DirectoryNotFoundException($"The static files directory {full} does not exist.");
        }

        var dist = Path.Combine(contentRoot, "web", "dist");
        return Directory.Exists(dist) ? new PhysicalFileProvider(dist) : new EmbeddedFileProvider(typeof(StaticSite).Assembly, "placeholder");
    }

    public static void UseStaticSite(this IApplicationBuilder app, IFileProvider files)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        app.Map("/pair", pair => pair.Run(context => SendIndexAsync(context, files)));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                if (file.File.Name == IndexFile)
                {
                    // The page names the current scripts; always ask for it again.
                    file.Context.Response.Headers.CacheControl = "no-cache";
                }
            },
        });
    }

    private static Task SendIndexAsync(HttpContext context, IFileProvider files)
    {
        var index = files.GetFileInfo(IndexFile);
        if (!index.Exists || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.StatusCode = index.Exists ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentLength = index.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.SendFileAsync(index);
    }
}
