import Foundation
import FrontlineCore

/// `GET /v1/map`: the claims the `/v1/claims` filters select, on one self-contained HTML page.
extension APIContext {
    func map(_ query: [String: String]) throws -> APIResponse {
        let claims = try self.drawnClaims(query)
        // Without the outline (not generated: `make outline`), the page shows the points alone.
        let outline = self.outlinePath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
        let html = try ClaimMap.html(claims: claims, anchors: self.lexicon.gazetteer, outline: outline, title: "Frontline claims")
        return .body(status: .ok, contentType: "text/html; charset=utf-8", body: Array(html.utf8))
    }
}
