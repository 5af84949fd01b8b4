import FrontlineCore
import Testing

/// The place timeline as values: order, the holder from the latest uncontested claim of the place
/// itself, and how sure it is.
@Suite struct PlaceTimelineTests {
    static let baaj = PlaceRef(name: "Baaj", mention: "al-Baaj", gazetteerID: "iq-baaj", country: "IQ")
    static let pmf = ActorRef(id: "pmf", name: "Popular Mobilisation Forces")
    static let isis = ActorRef(id: "isis", name: "Islamic State")

    static func claim(
        _ id: String, _ kind: ClaimKind, by claimant: ActorRef?, from opponent: ActorRef? = nil, on date: String?,
        status: ClaimStatus = .new, independent: Int = 1, outlets: [String] = ["Reuters"], area: Bool = false
    ) -> Claim {
        let sources = outlets.enumerated().map { index, outlet in
            ClaimSource(article: "a\(id)\(index)", file: "\(id)-\(index).txt", outlet: outlet, published: nil, syndicatedFrom: nil, derivedFrom: nil)
        }
        let areas = area ? [Area(text: "villages north of Baaj", anchor: "Baaj", anchorID: "iq-baaj", direction: "N", relation: nil, feature: "village")] : []
        return Claim(
            id: id, kind: kind, claimant: claimant, opponent: opponent, places: area ? [] : [Self.baaj], areas: areas, eventDate: date,
            firstSeen: "2026-11-21T10:00:00.000Z", attributedTo: nil, hedged: true, status: status, sources: sources,
            independentSources: independent, evidence: [], extractor: "test")
    }

    @Test func entriesAreOldestFirstAndTheLatestUncontestedCaptureHolds() throws {
        let timeline = PlaceTimeline(
            place: "Baaj", gazetteerID: "iq-baaj",
            claims: [
                Self.claim("c2", .recaptured, by: Self.pmf, from: Self.isis, on: "2017-06-04", independent: 3, outlets: ["Reuters", "AP", "AFP"]),
                Self.claim("c1", .captured, by: Self.isis, on: "2014-06-10"),
                Self.claim("c0", .offensive, by: Self.pmf, on: "2017-05-29"),
            ])
        #expect(timeline.entries.map(\.claimID) == ["c1", "c0", "c2"])
        let holder = try #require(timeline.holder)
        #expect(holder.actor == "Popular Mobilisation Forces")
        #expect(holder.since == "2017-06-04" && holder.claimID == "c2")
        #expect(holder.confidence == "high" && !holder.contested)
        #expect(holder.outlets == ["Reuters", "AP", "AFP"])
    }

    @Test func aLaterDenialMakesTheHolderContestedAndLowConfidence() throws {
        let timeline = PlaceTimeline(
            place: "Baaj", gazetteerID: "iq-baaj",
            claims: [
                Self.claim("c1", .recaptured, by: Self.pmf, on: "2017-06-04", independent: 2, outlets: ["Reuters", "AP"]),
                Self.claim("c2", .contested, by: Self.isis, on: "2017-06-05"),
            ])
        let holder = try #require(timeline.holder)
        #expect(holder.actor == "Popular Mobilisation Forces" && holder.contested && holder.confidence == "low")
        #expect(holder.basis.contains("contested by a later claim"))
    }

    @Test func contestedAndWithdrawnClaimsNeverDecide() throws {
        let timeline = PlaceTimeline(
            place: "Baaj", gazetteerID: "iq-baaj",
            claims: [
                Self.claim("c1", .captured, by: Self.isis, on: "2014-06-10", independent: 2, outlets: ["Reuters", "AP"]),
                Self.claim("c2", .recaptured, by: Self.pmf, on: "2017-06-04", status: .contested),
                Self.claim("c3", .recaptured, by: Self.pmf, on: "2017-06-09", status: .withdrawn),
            ])
        #expect(timeline.entries.count == 3)
        #expect(timeline.holder?.claimID == "c1")
        // The contested rival claim does not decide, but it does make the picture disputed.
        #expect(timeline.holder?.actor == "Islamic State" && timeline.holder?.contested == true && timeline.holder?.confidence == "low")
        let settled = PlaceTimeline(
            place: "Baaj", gazetteerID: "iq-baaj",
            claims: [
                Self.claim("c1", .captured, by: Self.isis, on: "2014-06-10", independent: 2, outlets: ["Reuters", "AP"]),
                Self.claim("c3", .recaptured, by: Self.pmf, on: "2017-06-09", status: .withdrawn),
            ])
        #expect(settled.holder?.actor == "Islamic State" && settled.holder?.contested == false && settled.holder?.confidence == "medium")
    }

    @Test func aWithdrawalHandsThePlaceToTheOpponentOrToNoOneNamed() {
        let toPMF = PlaceTimeline(
            place: "Baaj", gazetteerID: "iq-baaj", claims: [Self.claim("c1", .withdrew, by: Self.isis, from: Self.pmf, on: "2017-06-04")])
        #expect(toPMF.holder?.actor == "Popular Mobilisation Forces")
        let toNoOne = PlaceTimeline(place: "Baaj", gazetteerID: "iq-baaj", claims: [Self.claim("c1", .withdrew, by: Self.isis, on: "2017-06-04")])
        #expect(toNoOne.holder != nil && toNoOne.holder?.actor == nil)
        #expect(toNoOne.holder?.basis.contains("no one is said to have taken over") == true)
    }

    @Test func aClaimAboutAnAreaNearThePlaceIsListedButDoesNotDecide() {
        let timeline = PlaceTimeline(
            place: "Baaj", gazetteerID: "iq-baaj", claims: [Self.claim("c1", .recaptured, by: Self.pmf, on: "2017-05-29", area: true)])
        #expect(timeline.entries.map(\.scope) == ["area"])
        #expect(timeline.holder == nil)
    }

    @Test func anUndatedClaimIsPlacedOnTheDayItWasFirstSeen() {
        let timeline = PlaceTimeline(
            place: "Baaj", gazetteerID: "iq-baaj",
            claims: [Self.claim("c1", .captured, by: Self.pmf, on: nil), Self.claim("c0", .captured, by: Self.isis, on: "2014-06-10")])
        #expect(timeline.entries.map(\.claimID) == ["c0", "c1"])
        #expect(timeline.entries.last?.date == "2026-11-21" && timeline.entries.last?.dateIsFirstSeen == true)
        #expect(timeline.holder?.actor == "Popular Mobilisation Forces")
    }
}
