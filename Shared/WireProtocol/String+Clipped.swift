extension String {
    /// At most the first 48 characters, with "…" when cut: how an error message or its `data`
    /// quotes what a client sent, so that refusing a 200 KB name costs no 200 KB reply.
    public var clipped: String { clipped(to: 48) }

    /// At most the first `limit` characters, with "…" when cut. Reads only those characters,
    /// however long the string.
    public func clipped(to limit: Int) -> String {
        guard utf8.count > limit else { return self }
        let head = prefix(limit)
        return head.utf8.count == utf8.count ? self : String(head) + "…"
    }
}
