import ArgumentParser
import Foundation
import FrontlineCore

/// `frontlinectl correct ID retract|confirm|merge-into OTHER|split [ARTICLE…] --reason TEXT`.
struct Correct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Retract, confirm, merge or split a claim (recorded in the log with your uid and reason).",
        discussion: """
            retract: the claim is wrong; it stays visible as retracted and never alerts again. \
            confirm: the claim is right; it decides the place's holder even when contested (a confirm \
            after a retract puts the claim back). merge-into OTHER: the claim is the same event as \
            OTHER; its sources move there. split [ARTICLE…]: the named source articles (by default \
            every story but the first) become claims of their own. Only uids in 'editors' of the \
            daemon's config may correct.
            """)
    @OptionGroup var options: ClientOptions
    @Argument(help: "The claim to correct (c_…).") var claim: String
    @Argument(help: "retract, confirm, merge-into or split.") var action: String
    @Argument(help: "merge-into: the claim it is the same event as; split: the article ids to move out.") var targets: [String] = []
    @Option(help: "Why, for the next analyst (required).") var reason: String

    func validate() throws {
        guard let action = self.correctionAction else {
            throw ValidationError("action must be retract, confirm, merge-into or split, not '\(self.action)'")
        }
        switch action {
        case .mergeInto where self.targets.count != 1:
            throw ValidationError("merge-into takes one claim id: the claim this one is the same event as")
        case .retract, .confirm:
            guard self.targets.isEmpty else { throw ValidationError("\(self.action) takes no further arguments") }
        default: break
        }
    }

    var correctionAction: CorrectionAction? {
        CorrectionAction(rawValue: self.action.replacingOccurrences(of: "-", with: "_"))
    }

    func run() throws {
        let action = self.correctionAction!
        var request: [String: Any] = ["action": action.rawValue, "reason": self.reason]
        if action == .mergeInto { request["target"] = self.targets[0] }
        if action == .split, !self.targets.isEmpty { request["target"] = self.targets }
        let body = try JSONSerialization.data(withJSONObject: request)
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        let id = self.claim.addingPercentEncoding(withAllowedCharacters: allowed) ?? self.claim
        let response = try fetch(self.options, "/v1/claims/\(id)/corrections", method: "POST", body: body)
        if self.options.json { return print(String(decoding: response, as: UTF8.self), terminator: "") }
        struct Answer: Decodable {
            var correction: ClaimCorrection
            var claims: [Claim]
        }
        let answer = try JSONDecoder().decode(Answer.self, from: response)
        print("\(answer.correction.id): \(answer.correction.action.rawValue) \(answer.correction.claim) recorded")
        for claim in answer.claims {
            let merged = claim.mergedInto.map { " into \($0)" } ?? ""
            print("  \(claim.id)  \(claim.status.rawValue)\(merged)  \(claim.sources.count) source\(claim.sources.count == 1 ? "" : "s")  \(claim.summary)")
        }
    }
}
