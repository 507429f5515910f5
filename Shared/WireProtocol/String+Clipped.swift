extension String {
    /// At most the first 48 characters, with "…" when cut: how an error message or its `data`
    /// quotes what a client sent, so that refusing a 200 KB name costs no 200 KB reply. Reads
    /// only those characters, however long the string.
    public var clipped: String {
        let limit = 48
        guard utf8.count > limit else { return self }
        let head = prefix(limit)
        return head.utf8.count == utf8.count ? self : String(head) + "…"
    }
}
