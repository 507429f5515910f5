/// Renders the report as one self-contained HTML5 document: CSS inline, the chart as inline
/// SVG, no external URL of any kind; semantic headings, the table as a real `<table>` with
/// caption and source; print CSS for A4; readable at phone width. Every string is escaped.
struct HTMLRenderer: Sendable {
    static let style = """
        :root{color-scheme:light;--ink:#1d1d1f;--muted:#555;--rule:#d0d0d5}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.75 "Noto Sans CJK JP","Hiragino Sans","Yu Gothic",system-ui,sans-serif;\
        color:var(--ink);background:#fff}
        main{max-width:52rem;margin:0 auto;padding:1.5rem 1rem 3rem}
        header{border-bottom:2px solid var(--ink);margin-bottom:1.5rem}
        .series{margin:0;color:var(--muted);font-size:.9rem;letter-spacing:.05em}
        h1{font-size:1.45rem;line-height:1.5;margin:.3rem 0 .6rem}
        .authors{margin:0 0 1rem;color:var(--muted)}
        .abstract{background:#f4f5f7;border-left:4px solid #2f6db3;padding:.6rem 1rem;margin:0 0 2rem}
        .abstract p{margin:.3rem 0}
        h2{font-size:1.2rem;border-bottom:1px solid var(--rule);padding-bottom:.2rem;margin:2.2rem 0 .8rem}
        p{margin:.6rem 0}
        .outlook{margin-left:1.2rem;color:#234}
        .note{color:var(--muted);font-size:.9rem}
        .unavailable{border:1px dashed #b3475d;color:#b3475d;padding:.5rem .8rem}
        .tables>figcaption{font-weight:bold;margin-bottom:.4rem}
        .table-grid{display:flex;flex-wrap:wrap;gap:.8rem 1.2rem}
        .table-wrap{flex:1 1 19rem;min-width:0;overflow-x:auto}
        table{border-collapse:collapse;font-size:.9rem;width:100%}
        caption{text-align:left;font-weight:bold;padding-bottom:.2rem}
        th,td{border:1px solid var(--rule);padding:.25rem .4rem}
        td{white-space:nowrap}
        td{text-align:right;font-variant-numeric:tabular-nums}
        th[scope=row]{text-align:left}
        thead th{background:#f4f5f7}
        figure{margin:1.2rem 0}
        figure svg{max-width:100%;height:auto}
        figcaption{font-size:.9rem;color:var(--muted)}
        @media (max-width:40rem){body{font-size:15px}h1{font-size:1.2rem}main{padding:1rem .75rem}}
        @page{size:A4;margin:18mm 16mm}
        @media print{body{font-size:10.5pt}main{max-width:none;padding:0}.table-wrap{overflow:visible}
        h2{break-after:avoid}figure,table{break-inside:avoid}a{color:inherit}}
        """

    func render(_ report: Report) -> String {
        renderUTF8(report).text
    }

    /// The document as the UTF-8 bytes it was written in (well-formed: every piece is a
    /// string's UTF-8 or ASCII), with no `String` made of it.
    func renderUTF8(_ report: Report) -> RenderedText {
        var out = MarkupBuffer(capacity: 24 << 10)
        out += "<!DOCTYPE html>\n<html lang=\""
        out.append(raw: report.lang.rawValue)
        out += "\">\n<head>\n<meta charset=\"utf-8\">\n"
        out.append(
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", escaping: report.title,
            "</title>\n<style>")
        out.append(raw: Self.style)
        out.append(
            "</style>\n</head>\n<body>\n<main>\n<article>\n<header>\n<p class=\"series\">", escaping: report.series,
            "</p>\n<h1>")
        out.append(escaping: report.title)
        out += "</h1>\n<p class=\"authors\">"
        for (index, author) in report.authors.enumerated() {
            if index > 0 { out += "<br>" }
            out.append(escaping: author)
        }
        out.append(
            "</p>\n</header>\n<section class=\"abstract\" aria-label=\"", escaping: report.labels.abstract, "\">\n")
        for line in report.abstract {
            out += report.lang == .en ? "<p>☆ " : "<p>☆"
            out.append(escaping: line)
            out += "</p>\n"
        }
        out += "</section>\n"
        for section in report.sections {
            out.append("<section id=\"", escaping: section.id, "\" aria-labelledby=\"h-")
            out.append(escaping: section.id)
            out.append("\">\n<h2 id=\"h-", escaping: section.id, "\">")
            out.append(escaping: section.heading)
            out += "</h2>\n"
            for block in section.blocks { render(block, report: report, into: &out) }
            out += "</section>\n"
        }
        out += "</article>\n</main>\n</body>\n</html>\n"
        return RenderedText(writtenUTF8: out.bytes)
    }

    private func render(_ block: Report.Block, report: Report, into out: inout MarkupBuffer) {
        let lang = report.lang
        switch block.kind {
        case .paragraph:
            out += "<p>"
            out += Marks.paragraph(lang)
            out.append(escaping: block.text ?? "")
            out += "</p>\n"
        case .initiative:
            out += "<p>"
            out += Marks.paragraph(lang)
            if let organisation = block.organisation {
                out.append("<strong>", escaping: organisation, "</strong>")
                out += Marks.lead(lang)
            }
            out.append(escaping: block.text ?? "")
            out += "</p>\n"
            if let outlook = block.outlook {
                out += "<p class=\"outlook\">"
                out += Marks.outlook(lang)
                out.append(escaping: outlook)
                out += "</p>\n"
            }
        case .note:
            out += "<p class=\"note\">"
            out += Marks.noteOpening(lang)
            if let text = block.text { out.append(escaping: text) }
            out += Marks.noteClosing(lang)
            out += "</p>\n"
        case .unavailable:
            out.append(
                "<p class=\"unavailable\" role=\"note\">",
                escaping: SystemNotice.unavailable(block.service ?? "?", lang: lang), "</p>\n")
        case .table:
            guard let data = block.table else { return }
            table(TableText(data, lang: lang, changeLabel: report.labels.changeRate), into: &out)
        case .chart:
            chart(report, into: &out)
        }
    }

    /// The table as one `<table>` per region under one caption (measure and unit), side by side
    /// where they fit and one below the other where they do not: no column is ever hidden
    /// behind a scrollbar, from a phone to a desktop, in either language.
    private func table(_ table: TableText, into out: inout MarkupBuffer) {
        out.append("<figure class=\"tables\">\n<figcaption>", escaping: table.measure, " (")
        out.append(escaping: table.unit)
        out += ")</figcaption>\n"
        out += "<div class=\"table-grid\">\n"
        let columns = table.columnTitles.count
        for (index, region) in table.regions.enumerated() {
            out.append(
                "<div class=\"table-wrap\">\n<table>\n<caption>", escaping: region,
                "</caption>\n<thead>\n<tr><td></td>")
            for title in table.columnTitles {
                out.append("<th scope=\"col\">", escaping: title, "</th>")
            }
            out += "</tr>\n</thead>\n<tbody>\n"
            for row in table.rows {
                out.append("<tr><th scope=\"row\">", escaping: row.sector, "</th>")
                for cell in row.cells[(index * columns)..<((index + 1) * columns)] {
                    out.append("<td>", escaping: cell, "</td>")
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n</div>\n"
        }
        out += "</div>\n</figure>\n"
    }

    private func chart(_ report: Report, into out: inout MarkupBuffer) {
        let chart = ChartRenderer(report: report)
        guard chart.hasChart else { return }
        out += "<figure class=\"chart\">\n"
        chart.writeInlineSVG(into: &out)
        out.append("\n<figcaption>", escaping: report.labels.chartTitle, "<ul class=\"note\">")
        for line in chart.textAlternative {
            out.append("<li>", escaping: line, "</li>")
        }
        out += "</ul></figcaption>\n</figure>\n"
    }
}

/// HTML and XML escaping.
enum HTML {
    /// Escapes `& < > " '`, so any text is safe in element content and in quoted attributes.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = MarkupBuffer(capacity: text.utf8.count + 16)
        out.append(escaping: text)
        return out.text
    }
}
