import Foundation
import FrontlineCore

/// `POST /v1/claims/{id}/corrections`: an analyst's correction, recorded in the log with the
/// peer's uid (`SO_PEERCRED`) and reason, answered once it is durable and in the read model.
extension APIContext {
    /// The request body: `{"action": "retract"|"confirm"|"merge_into"|"split", "target": …, "reason": "…"}`.
    /// `target` is the claim to merge into, or for `split` the article id(s) to move out.
    struct CorrectionBody: Decodable {
        var action: String
        var target: [String]
        var reason: String

        enum CodingKeys: String, CodingKey { case action, target, reason }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.action = try c.decode(String.self, forKey: .action)
            self.reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
            if let one = try? c.decodeIfPresent(String.self, forKey: .target) {
                self.target = [one]
            } else {
                self.target = try c.decodeIfPresent([String].self, forKey: .target) ?? []
            }
        }
    }

    func correct(_ claimID: String, _ request: APIRouter.Request) async throws -> APIResponse {
        guard let uid = request.peerUID else {
            throw APIError(status: .forbidden, code: "forbidden", message: "corrections need the caller's uid, and the socket gave none")
        }
        guard self.configuration.editors.contains(uid) else {
            throw APIError(
                status: .forbidden, code: "not_an_editor",
                message: "uid \(uid) may not correct claims: add it to 'editors' in the daemon's config and reload (systemctl reload frontline)")
        }
        guard let corrector = self.corrector else {
            throw APIError(status: .serviceUnavailable, code: "unavailable", message: "this server takes no corrections")
        }
        let body: CorrectionBody
        do {
            body = try JSONDecoder().decode(CorrectionBody.self, from: Data(request.body))
        } catch {
            throw APIError.badRequest(
                "the body must be JSON {\"action\": \"retract|confirm|merge_into|split\", \"target\": …, \"reason\": \"…\"}: \(error)")
        }
        guard let action = CorrectionAction(rawValue: body.action) else {
            throw APIError.badRequest("action must be one of \(CorrectionAction.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let correction = CorrectionRequest(
            claim: claimID, action: action, target: action == .mergeInto ? body.target.first : nil,
            articles: action == .split ? body.target : [], reason: body.reason, uid: uid,
            user: DaemonConfiguration.userName(of: uid))
        // The finisher says once the record is durable and projected; the stream keeps its answer
        // if it comes before the ingestor's call returns.
        let (projected, signal) = AsyncStream<Bool>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let record: CorrectionRecord
        do {
            record = try await corrector.correct(correction) { ok in
                signal.yield(ok)
                signal.finish()
            }
        } catch let error as CorrectionError {
            switch error {
            case .unknownClaim: throw APIError.notFound(error.description)
            case .invalid: throw APIError.badRequest(error.description)
            case .conflict: throw APIError(status: .conflict, code: "conflict", message: error.description)
            }
        }
        var durable = false
        for await ok in projected { durable = ok }
        guard durable else {
            throw APIError(status: .internalServerError, code: "log_write_failed", message: "the correction could not be written to the log; the daemon is stopping")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let correctionJSON = String(decoding: try encoder.encode(record.correction), as: UTF8.self)
        let claims = try record.claims.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return .json("{\"correction\":\(correctionJSON),\"claims\":[\(claims.joined(separator: ","))]}", status: .created)
    }
}
