/// Counts of a yes/no decision against labels, and the figures made from them.
public struct DetectionScore: Sendable, Hashable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init() {}

    public mutating func count(predicted: Bool, actual: Bool) {
        switch (predicted, actual) {
        case (true, true): self.truePositives += 1
        case (true, false): self.falsePositives += 1
        case (false, true): self.falseNegatives += 1
        case (false, false): self.trueNegatives += 1
        }
    }

    /// Share of predictions that were right; 1 when nothing was predicted.
    public var precision: Double {
        let predicted = self.truePositives + self.falsePositives
        return predicted == 0 ? 1 : Double(self.truePositives) / Double(predicted)
    }

    /// Share of real cases found; 1 when there were none.
    public var recall: Double {
        let actual = self.truePositives + self.falseNegatives
        return actual == 0 ? 1 : Double(self.truePositives) / Double(actual)
    }

    public var f1: Double {
        let sum = self.precision + self.recall
        return sum == 0 ? 0 : 2 * self.precision * self.recall / sum
    }

    enum CodingKeys: String, CodingKey {
        case truePositives = "true_positives", falsePositives = "false_positives"
        case falseNegatives = "false_negatives", trueNegatives = "true_negatives"
        case precision, recall, f1
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.truePositives = try c.decode(Int.self, forKey: .truePositives)
        self.falsePositives = try c.decode(Int.self, forKey: .falsePositives)
        self.falseNegatives = try c.decode(Int.self, forKey: .falseNegatives)
        self.trueNegatives = try c.decodeIfPresent(Int.self, forKey: .trueNegatives) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.truePositives, forKey: .truePositives)
        try c.encode(self.falsePositives, forKey: .falsePositives)
        try c.encode(self.falseNegatives, forKey: .falseNegatives)
        try c.encode(self.trueNegatives, forKey: .trueNegatives)
        try c.encode(Self.rounded(self.precision), forKey: .precision)
        try c.encode(Self.rounded(self.recall), forKey: .recall)
        try c.encode(Self.rounded(self.f1), forKey: .f1)
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
