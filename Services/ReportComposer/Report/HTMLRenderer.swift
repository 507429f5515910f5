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
        .table-wrap{overflow-x:auto;margin:1rem 0}
        table{border-collapse:collapse;font-size:.9rem;white-space:nowrap}
        caption{text-align:left;font-weight:bold;padding-bottom:.3rem}
        th,td{border:1px solid var(--rule);padding:.25rem .5rem}
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
        var out = "<!DOCTYPE html>\n<html lang=\"\(report.lang.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTML.escape(report.title))</title>\n<style>\(Self.style)</style>\n</head>\n"
        out += "<body>\n<main>\n<article>\n"
        out +=
            "<header>\n<p class=\"series\">\(HTML.escape(report.series))</p>\n<h1>\(HTML.escape(report.title))</h1>\n"
        out += "<p class=\"authors\">\(report.authors.map(HTML.escape).joined(separator: "<br>"))</p>\n</header>\n"
        out += "<section class=\"abstract\" aria-label=\"\(HTML.escape(report.labels.abstract))\">\n"
        for line in report.abstract { out += "<p>☆\(report.lang == .en ? " " : "")\(HTML.escape(line))</p>\n" }
        out += "</section>\n"
        for section in report.sections {
            out += "<section id=\"\(HTML.escape(section.id))\" aria-labelledby=\"h-\(HTML.escape(section.id))\">\n"
            out += "<h2 id=\"h-\(HTML.escape(section.id))\">\(HTML.escape(section.heading))</h2>\n"
            for block in section.blocks { out += render(block, report: report) }
            out += "</section>\n"
        }
        out += "</article>\n</main>\n</body>\n</html>\n"
        return out
    }

    private func render(_ block: Report.Block, report: Report) -> String {
        let lang = report.lang
        switch block.kind {
        case .paragraph:
            return "<p>\(HTML.escape(Marks.paragraph(lang) + (block.text ?? "")))</p>\n"
        case .initiative:
            let lead =
                block.organisation.map { "<strong>\(HTML.escape($0))</strong>\(HTML.escape(Marks.lead(lang)))" } ?? ""
            var out = "<p>\(HTML.escape(Marks.paragraph(lang)))\(lead)\(HTML.escape(block.text ?? ""))</p>\n"
            if let outlook = block.outlook {
                out += "<p class=\"outlook\">\(HTML.escape(Marks.outlook(lang) + outlook))</p>\n"
            }
            return out
        case .note:
            return "<p class=\"note\">\(HTML.escape(Marks.note(block.text ?? "", lang)))</p>\n"
        case .unavailable:
            return
                """
                <p class=\"unavailable\" \
                role=\"note\">\(HTML.escape(SystemNotice.unavailable(block.service ?? "?", lang: lang)))</p>\n
                """
        case .table:
            guard let data = block.table else { return "" }
            return table(TableText(data, lang: lang, changeLabel: report.labels.changeRate))
        case .chart:
            return chart(report)
        }
    }

    private func table(_ table: TableText) -> String {
        var out =
            """
            <div \
            class=\"table-wrap\">\n<table>\n<caption>\(HTML.escape(table.caption))</caption>\n<thead>\n<tr><td></td>
            """
        for region in table.regions {
            out += "<th scope=\"colgroup\" colspan=\"\(table.columnTitles.count)\">\(HTML.escape(region))</th>"
        }
        out += "</tr>\n<tr><td></td>"
        for column in table.columns { out += "<th scope=\"col\">\(HTML.escape(column.title))</th>" }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr><th scope=\"row\">\(HTML.escape(row.sector))</th>"
            for cell in row.cells { out += "<td>\(HTML.escape(cell))</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }

    private func chart(_ report: Report) -> String {
        let chart = ChartRenderer(report: report)
        guard let svg = chart.inlineSVG() else { return "" }
        let alternative = chart.textAlternative().map { "<li>\(HTML.escape($0))</li>" }.joined()
        return "<figure class=\"chart\">\n\(svg)\n<figcaption>\(HTML.escape(report.labels.chartTitle))"
            + "<ul class=\"note\">\(alternative)</ul></figcaption>\n</figure>\n"
    }
}

/// HTML and XML escaping.
enum HTML {
    /// Escapes `& < > " '`, so any text is safe in element content and in quoted attributes.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
