enum FrontlineStorePlaceholder {}
