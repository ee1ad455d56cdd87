//! gwr-engine
