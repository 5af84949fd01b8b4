import Foundation
import Testing

/// `GET /v1/map` rendered in real headless Chromium: the page is self-contained, and its screenshot
/// shows each seed claim at its place in its claimant's colour over the coast and border outline.
@Suite struct MapTests {
    static let chromium = "/usr/bin/chromium"
    static let pngtopnm = "/usr/bin/pngtopnm"
    /// The page's canvas (set in its URL) inside the browser window (the screenshot's size).
    static let size = (width: 1000, height: 640)
    static let window = (width: 1000, height: 760)

    struct Marker: Decodable {
        var claim: String
        var color: String
        var x: Int
        var y: Int
    }

    struct Drawn: Decodable {
        var width: Int
        var height: Int
        var markers: [Marker]
    }

    /// The markers the page reports drawing (its `#drawn` element, from `--dump-dom`).
    static func drawn(_ page: URL, hash: String = "") throws -> Drawn {
        let url = page.absoluteString + "#size=\(Self.size.width)x\(Self.size.height)\(hash)"
        let dom = try Self.runChromium(["--dump-dom", url])
        #expect(dom.status == 0)
        let start = try #require(dom.output.range(of: "<pre id=\"drawn\" hidden=\"\">"))
        let end = try #require(dom.output.range(of: "</pre>", range: start.upperBound..<dom.output.endIndex))
        let json = String(dom.output[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
        let decoded = try? JSONDecoder().decode(Drawn.self, from: Data(json.utf8))
        return try #require(decoded, "the page's report for \(hash): \(json.prefix(300)); chromium said: \(dom.output.split(separator: "\n").filter { !$0.contains("<") }.suffix(8).joined(separator: "\n"))")
    }

    /// Runs Chromium with a profile of its own: given a profile in use (a run still shutting down),
    /// it hands the URL to that instance instead of loading it.
    /// Bounded by coreutils' timeout, and run again once when it runs out: a headless Chromium
    /// under a loaded machine has been seen to hang on a screenshot.
    static func runChromium(_ arguments: [String], includeStandardError: Bool = true) throws -> (status: Int32, output: String) {
        var result: (status: Int32, output: String) = (0, "")
        for _ in 0..<2 {
            let profile = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-chromium-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: profile) }
            result = try runCommand(
                "/usr/bin/timeout", ["-k", "5", "60", Self.chromium, "--user-data-dir=\(profile.path)"] + Self.commonFlags + arguments,
                includeStandardError: includeStandardError)
            if result.status != 124 && result.status != 137 { return result }
        }
        return result
    }

    static let commonFlags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
        "--window-size=\(Self.window.width),\(Self.window.height)", "--no-first-run",
    ]

    /// The screenshot as RGB rows (PNG from Chromium, through netpbm's pngtopnm to binary PPM).
    static func screenshot(_ page: URL, in directory: URL) throws -> (width: Int, pixels: [UInt8]) {
        let png = directory.appendingPathComponent("shot.png")
        let shot = try Self.runChromium(["--screenshot=\(png.path)", page.absoluteString + "#size=\(Self.size.width)x\(Self.size.height)"])
        try #require(shot.status == 0, "chromium --screenshot: exit \(shot.status): \(shot.output.suffix(400))")
        let ppm = directory.appendingPathComponent("shot.ppm")
        let converted = try runCommand("/bin/sh", ["-c", "\(Self.pngtopnm) '\(png.path)' > '\(ppm.path)'"])
        try #require(converted.status == 0, "pngtopnm: \(converted.output)")
        let data = [UInt8](try Data(contentsOf: ppm))
        // "P6\n<width> <height>\n255\n" then RGB bytes.
        var fields: [String] = []
        var index = 0
        while fields.count < 4 {
            while data[index] == 0x20 || data[index] == 0x0A { index += 1 }
            var field = ""
            while data[index] != 0x20 && data[index] != 0x0A { field.append(Character(UnicodeScalar(data[index]))); index += 1 }
            fields.append(field)
        }
        try #require(fields[0] == "P6" && fields[3] == "255" && fields[1] == "\(Self.window.width)" && fields[2] == "\(Self.window.height)")
        let pixels = Array(data[(index + 1)...])
        try #require(pixels.count == Self.window.width * Self.window.height * 3)
        return (Self.window.width, pixels)
    }

    static func rgb(_ hex: String) -> [Int] {
        let value = Int(hex.dropFirst(), radix: 16)!
        return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]
    }

    @Test func theScreenshotShowsTheSeedsClaimsByClaimant() throws {
        for tool in [Self.chromium, Self.pngtopnm] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run scripts/install-deps (apt packages chromium netpbm)")
        }
        try #require(
            FileManager.default.fileExists(atPath: Project.root.appendingPathComponent("Config/map/outline.json").path),
            "the outline is missing: run make outline (apt packages gmt gmt-gshhg-low)")
        let daemon = try DaemonProcess()
        defer { daemon.remove() }
        try daemon.configure(["editors": "[0]"])
        try daemon.start()
        for seed in Project.seeds { try daemon.dropAndWait(seed) }

        // One self-contained page: the outline and claims inline, nothing fetched.
        let response = try daemon.client.request("GET", "/v1/map")
        #expect(response.status == 200)
        #expect(response.body.count == Int(response.headers["content-length"] ?? ""), "the whole page arrived")
        let html = String(decoding: response.body, as: UTF8.self)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains(" src="))
        #expect(html.contains("const OUTLINE = {\"source\":\"GSHHG"))
        let page = daemon.work.appendingPathComponent("map.html")
        try response.body.write(to: page)

        // Every seed claim with a resolved place, or an area around one, is drawn; two claimants, two colours.
        let geojson = try JSONSerialization.jsonObject(with: daemon.client.request("GET", "/v1/claims.geojson").body) as? [String: Any]
        let located = Set((geojson?["features"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["claim_id"] as? String })
        let drawn = try Self.drawn(page)
        #expect(drawn.width == Self.size.width && drawn.height == Self.size.height)
        #expect(located.isSubset(of: Set(drawn.markers.map(\.claim))) && located.count >= 3)
        #expect(Set(drawn.markers.map(\.color)).count == 2)

        // The screenshot has each marker's colour where the page says it drew it, and an outline.
        let (width, pixels) = try Self.screenshot(page, in: daemon.work)
        func pixel(_ x: Int, _ y: Int) -> [Int] {
            guard x >= 0, y >= 0, x < Self.size.width, y < Self.size.height else { return [-1, -1, -1] }
            let offset = (y * width + x) * 3
            return [Int(pixels[offset]), Int(pixels[offset + 1]), Int(pixels[offset + 2])]
        }
        for marker in drawn.markers {
            let want = Self.rgb(marker.color)
            let near = (-1...1).flatMap { dx in (-1...1).map { dy in pixel(marker.x + dx, marker.y + dy) } }
            #expect(near.contains { zip($0, want).allSatisfy { abs($0 - $1) <= 40 } }, "\(marker.claim) at \(marker.x),\(marker.y): \(pixel(marker.x, marker.y)) ≠ \(want)")
        }
        let background = Self.rgb("#dfe9f3")
        var outline = 0
        for y in stride(from: 60, to: Self.size.height, by: 2) {
            for x in stride(from: 0, to: Self.size.width, by: 2) where !drawn.markers.contains(where: { abs($0.x - x) < 200 && abs($0.y - y) < 30 }) {
                if zip(pixel(x, y), background).contains(where: { abs($0 - $1) > 50 }) { outline += 1 }
            }
        }
        #expect(outline > 100, "borders and coasts are drawn (\(outline) sampled pixels)")

        // The date slider starts where the link says: before 28 May 2017, only the 27 May offensive.
        let early = try Self.drawn(page, hash: "&until=2017-05-28")
        let claims = try JSONSerialization.jsonObject(with: daemon.client.request("GET", "/v1/claims?since=2017-05-27&until=2017-05-27").body) as? [String: Any]
        let may27 = Set((claims?["claims"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(!may27.isEmpty && Set(early.markers.map(\.claim)) == may27)

        // A retracted claim leaves the map.
        let retracted = try #require(drawn.markers.first?.claim)
        let correction = try daemon.client.request(
            "POST", "/v1/claims/\(retracted)/corrections", body: Data(#"{"action": "retract", "reason": "test"}"#.utf8))
        #expect(correction.status == 201)
        try daemon.client.request("GET", "/v1/map").body.write(to: page)
        #expect(!(try Self.drawn(page)).markers.contains { $0.claim == retracted })
    }
}
