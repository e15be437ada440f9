//! Newsletter and sign-up boxes: a form that asks for an e-mail address or says it signs
//! you up goes together with the small box around it that holds its prompt ("SIGN UP FOR OUR
//! NEWSLETTER"), so the prompt does not stay behind as the article's text.

use super::dom::{Dom, NodeId};
use super::names::contains_any;
use super::score::text_len_at_most;

/// Text a newsletter or sign-up box holds besides its form, at most (a prompt, a line of
/// promise): a box with more is content that happens to hold a form.
const SIGNUP_BOX_CHARS: usize = 100;

/// Whether a form asks for an e-mail address or says it signs up: a newsletter box.
pub(super) fn is_signup_form(dom: &Dom, form: NodeId) -> bool {
    let says = |v: &str| {
        let v = v.to_lowercase();
        contains_any(
            &v,
            &[
                "newsletter",
                "subscri",
                "signup",
                "sign-up",
                "sign_up",
                "optin",
                "opt-in",
                "mail",
            ],
        )
    };
    ["action", "class", "id", "name"]
        .iter()
        .any(|a| dom.attr(form, a).is_some_and(says))
        || dom.descendants(form).any(|d| {
            dom.is(d, "input")
                && (dom
                    .attr(d, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("email"))
                    || ["name", "placeholder", "id"]
                        .iter()
                        .any(|a| dom.attr(d, a).is_some_and(says)))
        })
}

/// The box around a sign-up form: its largest ancestor below `root` that holds little text
/// besides it ("SIGN UP FOR OUR NEWSLETTER"), so the prompt goes with the form.
pub(super) fn signup_box(dom: &Dom, form: NodeId, root: NodeId) -> NodeId {
    let mut sign_up = form;
    while let Some(parent) = dom.nodes[sign_up].parent {
        if parent == root
            || !matches!(
                dom.tag(parent),
                Some("div" | "section" | "aside" | "p" | "span" | "li" | "ul" | "center")
            )
            || text_len_at_most(dom, parent, SIGNUP_BOX_CHARS) > SIGNUP_BOX_CHARS
        {
            break;
        }
        sign_up = parent;
    }
    sign_up
}
