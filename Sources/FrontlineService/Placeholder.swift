enum FrontlineServicePlaceholder {}
