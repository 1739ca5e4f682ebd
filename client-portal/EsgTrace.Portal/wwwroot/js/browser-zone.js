// The browser's IANA time zone, so time fields start in the user's own zone.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
}
