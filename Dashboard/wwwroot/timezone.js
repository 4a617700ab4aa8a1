// Tells the server the browser's time zone (an IANA id) so every timestamp shows in the user's zone.
// A cookie rather than a JS call: the first, prerendered page already needs it.
(function () {
    try {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone) {
            document.cookie = "nops.tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
        }
    } catch (e) {
        // Without Intl the dashboard shows UTC.
    }
})();
