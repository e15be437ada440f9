//! The client's writes: marks (`edit-tag`, `mark-all-as-read`) and subscription changes
//! (`quickadd`, `subscription/edit`), each sent with the action token.

use super::*;

impl Client {
    /// `edit-tag`: adds and/or removes a state or label on `ids`, in requests of
    /// [`EDIT_BATCH`]. Returns once the server said OK to every batch.
    pub async fn edit_tag(
        &self,
        ids: &[ItemId],
        add: Option<&str>,
        remove: Option<&str>,
    ) -> Result<(), SyncError> {
        for chunk in ids.chunks(EDIT_BATCH) {
            let mut form: Vec<(&str, String)> =
                chunk.iter().map(|id| ("i", id.long_form())).collect();
            if let Some(a) = add {
                form.push(("a", a.to_owned()));
            }
            if let Some(r) = remove {
                form.push(("r", r.to_owned()));
            }
            let body = self
                .request_with_token(&["reader", "api", "0", "edit-tag"], &[], &form, "a mark")
                .await?;
            expect_ok(&body, "a mark")?;
        }
        Ok(())
    }

    /// `mark-all-as-read` for `stream`, for items the server got before `older_than_usec`.
    pub async fn mark_all_as_read(
        &self,
        stream: &str,
        older_than_usec: i64,
    ) -> Result<(), SyncError> {
        let form = [
            ("s", stream.to_owned()),
            ("ts", older_than_usec.max(0).to_string()),
        ];
        let body = self
            .request_with_token(
                &["reader", "api", "0", "mark-all-as-read"],
                &[],
                &form,
                "mark all as read",
            )
            .await?;
        expect_ok(&body, "mark all as read")
    }

    /// `subscription/quickadd`: subscribes to `url`; returns the new stream id.
    pub async fn quickadd(&self, url: &str) -> Result<String, SyncError> {
        const WHAT: &str = "the new subscription";
        let body = self
            .request_with_token(
                &["reader", "api", "0", "subscription", "quickadd"],
                &[("output", "json".to_owned())],
                &[("quickadd", url.to_owned())],
                WHAT,
            )
            .await?;
        decode_quickadd(&body)
    }

    /// `subscription/edit`.
    pub async fn edit_subscription(&self, edit: &SubscriptionEdit) -> Result<(), SyncError> {
        const WHAT: &str = "the subscription change";
        let label = |name: &str| format!("{}{name}", streams::LABEL_PREFIX);
        let form: Vec<(&str, String)> = match edit {
            SubscriptionEdit::Subscribe {
                url,
                title,
                label: l,
            } => {
                let mut form = vec![("ac", "subscribe".into()), ("s", format!("feed/{url}"))];
                if let Some(t) = title {
                    form.push(("t", t.clone()));
                }
                if let Some(l) = l {
                    form.push(("a", label(l)));
                }
                form
            }
            SubscriptionEdit::Unsubscribe { stream } => {
                vec![("ac", "unsubscribe".into()), ("s", stream.clone())]
            }
            SubscriptionEdit::Rename { stream, title } => vec![
                ("ac", "edit".into()),
                ("s", stream.clone()),
                ("t", title.clone()),
            ],
            SubscriptionEdit::AddLabel { stream, label: l } => vec![
                ("ac", "edit".into()),
                ("s", stream.clone()),
                ("a", label(l)),
            ],
            SubscriptionEdit::RemoveLabel { stream, label: l } => vec![
                ("ac", "edit".into()),
                ("s", stream.clone()),
                ("r", label(l)),
            ],
        };
        let body = self
            .request_with_token(
                &["reader", "api", "0", "subscription", "edit"],
                &[],
                &form,
                WHAT,
            )
            .await?;
        expect_ok(&body, WHAT)
    }

    // -----------------------------------------------------------------------------------------
}
