"""Tracing real models: torch.nn recurrent/attention layers, transformers, torchvision."""
from __future__ import annotations

from collections import Counter

import pytest
import torch
import torch.nn as nn

from conftest import check_document, outputs_equal, traced_and_plain


def kids(doc, parent):
    return [n for n in doc["nodes"] if n["parent"] == parent]


def ops(doc):
    return [n["label"] for n in doc["nodes"] if n["kind"] == "op"]


def test_nn_lstm_multi_output_op():
    model = nn.LSTM(8, 16, num_layers=2)
    x = torch.randn(5, 1, 8)
    plain, traced, doc = traced_and_plain(model, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    lstm = next(n for n in doc["nodes"] if n["attrs"].get("type") == "torch.lstm")
    assert lstm["attrs"]["out_shapes"] == ["[5, 1, 16]", "[2, 1, 16]", "[2, 1, 16]"]
    outs = {n["label"]: n["attrs"]["shape"] for n in doc["nodes"] if n["kind"] == "output"}
    assert outs == {"0": "[5, 1, 16]", "1.0": "[2, 1, 16]", "1.1": "[2, 1, 16]"}
    ports = sorted(e["sourcePort"] for e in doc["edges"] if e["source"] == lstm["id"])
    assert ports == [0, 1, 2]


def test_nn_gru():
    model = nn.GRU(8, 16, batch_first=True)
    x = torch.randn(2, 5, 8)
    plain, traced, doc = traced_and_plain(model, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    assert "gru" in ops(doc)


@pytest.mark.parametrize("grad", [True, False])
def test_transformer_encoder_shows_the_path_that_ran(grad):
    """In eval under no_grad torch runs a fused kernel per layer; tracing must not change that."""
    layer = nn.TransformerEncoderLayer(16, 2, 32, batch_first=True)
    model = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False).eval()
    x = torch.randn(2, 5, 16)
    with torch.set_grad_enabled(grad):
        plain, traced, doc = traced_and_plain(model, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    layers = [n for n in doc["nodes"] if n["attrs"].get("type") == "TransformerEncoderLayer"]
    assert [n["id"] for n in layers] == ["layers.0", "layers.1"]
    if grad:  # the Python path: attention, feed-forward and norms as submodules
        assert {n["attrs"]["type"] for n in kids(doc, "layers.0")} >= {"MultiheadAttention", "Linear", "LayerNorm"}
    else:  # the fused fast path: one op per layer, no submodule calls
        assert ops(doc) == ["transformer_encoder_layer_fwd"] * 2
        assert [n["kind"] for n in kids(doc, "layers.0")] == ["op"]


def test_transformer_encoder_nested_tensor_path():
    """With a padding mask in eval, torch runs the layers on nested (ragged) tensors."""
    layer = nn.TransformerEncoderLayer(16, 2, 32, batch_first=True)
    model = nn.TransformerEncoder(layer, 2).eval()
    x = torch.randn(2, 5, 16)
    mask = torch.tensor([[False] * 5, [False] * 3 + [True] * 2])
    with torch.no_grad():
        plain, traced, doc = traced_and_plain(model, x, src_key_padding_mask=mask)
    assert outputs_equal(plain, traced)
    check_document(doc)
    assert "_nested_tensor_from_mask" in ops(doc) or "nested_tensor_from_mask" in ops(doc)
    assert ops(doc).count("transformer_encoder_layer_fwd") == 2
    ragged = [n for n in doc["nodes"] if n["label"] == "transformer_encoder_layer_fwd"]
    assert all("*" in n["attrs"]["out_shapes"][0] for n in ragged)


def test_multihead_attention_self_attention_fast_path():
    model = nn.MultiheadAttention(16, 2, batch_first=True).eval()
    x = torch.randn(1, 5, 16)
    with torch.no_grad():
        plain, traced, doc = traced_and_plain(model, x, x, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    assert "native_multi_head_attention" in ops(doc)
    q, k = torch.randn(1, 5, 16), torch.randn(1, 4, 16)
    plain, traced, doc = traced_and_plain(model, q, k, k)
    assert outputs_equal(plain, traced)
    assert "multi_head_attention_forward" in ops(doc)
    assert [n["id"] for n in doc["nodes"] if n["kind"] == "input"] == ["input:query", "input:key"]


# -- transformers ------------------------------------------------------------------------------
transformers = pytest.importorskip("transformers")


@pytest.mark.slow
def test_gpt2_tiny():
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=2, n_embd=64, n_head=2, vocab_size=100, n_positions=32)).eval()
    ids = torch.randint(0, 100, (1, 8))
    plain, traced, doc = traced_and_plain(model, input_ids=ids)
    assert outputs_equal(plain.logits, traced.logits)
    check_document(doc)
    nodes = {n["id"]: n for n in doc["nodes"]}
    blocks = [n["id"] for n in doc["nodes"] if n["attrs"].get("type") == "GPT2Block"]
    assert blocks == ["transformer.h.0", "transformer.h.1"]
    assert nodes["transformer.h.0"]["parent"] == "transformer" and nodes["transformer"]["parent"] == "GPT2LMHeadModel"
    assert nodes["transformer.h.0"]["collapsed"] is True  # depth 2 with the default expand_depth
    assert nodes["input:input_ids"]["attrs"]["dtype"] == "int64"
    assert nodes["output:logits"]["attrs"]["shape"] == "[1, 8, 100]"
    assert "embedding" in ops(doc) and "layer_norm" in ops(doc)
    assert not [n for n in doc["nodes"] if n["kind"] == "param"]  # library internals stay hidden


@pytest.mark.slow
def test_bert_tiny():
    from transformers import BertConfig, BertModel

    cfg = BertConfig(num_hidden_layers=2, hidden_size=64, num_attention_heads=2, intermediate_size=128,
                     vocab_size=100, max_position_embeddings=32)
    model = BertModel(cfg).eval()
    ids = torch.randint(0, 100, (2, 8))
    mask = torch.ones(2, 8, dtype=torch.long)
    plain, traced, doc = traced_and_plain(model, input_ids=ids, attention_mask=mask)
    assert outputs_equal(plain.last_hidden_state, traced.last_hidden_state)
    check_document(doc)
    assert [n["label"] for n in doc["nodes"] if n["kind"] == "input"] == ["input_ids", "attention_mask"]
    assert {n["label"] for n in doc["nodes"] if n["kind"] == "output"} == {"last_hidden_state", "pooler_output"}
    assert len([n for n in doc["nodes"] if n["attrs"].get("type") == "BertLayer"]) == 2


@pytest.mark.slow
def test_t5_tiny_encoder_decoder():
    from transformers import T5Config, T5Model

    cfg = T5Config(num_layers=2, num_decoder_layers=2, d_model=32, num_heads=2, d_kv=16, d_ff=64, vocab_size=100)
    model = T5Model(cfg).eval()
    ids = torch.randint(0, 100, (1, 6))
    plain, traced, doc = traced_and_plain(model, input_ids=ids, decoder_input_ids=ids[:, :4])
    assert outputs_equal(plain.last_hidden_state, traced.last_hidden_state)
    check_document(doc)
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert nodes["encoder"]["attrs"]["type"] == "T5Stack" and nodes["decoder"]["attrs"]["type"] == "T5Stack"
    # the encoder's output flows into the decoder's cross-attention
    enc = {n["id"] for n in doc["nodes"] if n["id"].startswith("encoder")}
    dec = {n["id"] for n in doc["nodes"] if n["id"].startswith("decoder")}
    assert any(e["source"] in enc and e["target"] in dec for e in doc["edges"])


# -- torchvision -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tv_models():
    return pytest.importorskip("torchvision.models")


@pytest.mark.slow
def test_resnet18(tv_models):
    model = tv_models.resnet18().eval()
    x = torch.randn(1, 3, 64, 64)
    plain, traced, doc = traced_and_plain(model, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    nodes = {n["id"]: n for n in doc["nodes"]}
    top = [n["id"] for n in kids(doc, "ResNet") if n["kind"] == "module"]
    assert top == ["conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool", "fc"]
    for layer in ("layer1", "layer2", "layer3", "layer4"):
        blocks = [n for n in kids(doc, layer)]
        assert [n["attrs"]["type"] for n in blocks] == ["BasicBlock", "BasicBlock"]
        assert nodes[layer]["collapsed"] is False and blocks[0]["collapsed"] is True
    assert sum(1 for n in doc["nodes"] if n["attrs"].get("type") == "Conv2d") == 20
    assert Counter(ops(doc))["conv2d"] == 20
    assert nodes["layer2.0.downsample"]["attrs"]["type"] == "Sequential"
    # the residual add joins the block's input and its conv path
    add = next(n for n in kids(doc, "layer1.0") if n["label"] == "add_")
    sources = {nodes[e["source"]]["parent"] for e in doc["edges"] if e["target"] == add["id"]}
    assert sources == {"layer1.0.bn2", "maxpool"}
    assert nodes["fc"]["attrs"]["out_shapes"] == ["[1, 1000]"]
    # shapes checked against the real tensors, captured independently with plain module hooks
    real = {}
    handles = [m.register_forward_hook(lambda mod, a, out, q=q: real.__setitem__(q, list(out.shape)))
               for q, m in model.named_modules() if q]
    try:
        model(x)
    finally:
        for h in handles:
            h.remove()
    for q, shape in real.items():
        assert nodes[q]["attrs"]["out_shapes"] == [str(shape)], q
    for e in doc["edges"]:  # each edge leaving a module's last op carries that module's real shape
        src = nodes[e["source"]]
        if src["kind"] == "op" and src["parent"] in real and src["id"] == kids(doc, src["parent"])[-1]["id"]:
            assert e["label"] == str(real[src["parent"]]), e


@pytest.mark.slow
def test_mobilenet_v3_small(tv_models):
    model = tv_models.mobilenet_v3_small().eval()
    x = torch.randn(1, 3, 64, 64)
    plain, traced, doc = traced_and_plain(model, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    assert Counter(ops(doc))["conv2d"] == sum(1 for m in model.modules() if isinstance(m, nn.Conv2d))
    assert "hardswish" in ops(doc) and "adaptive_avg_pool2d" in ops(doc)


@pytest.mark.slow
def test_vit_tiny(tv_models):
    from torchvision.models.vision_transformer import VisionTransformer

    model = VisionTransformer(image_size=32, patch_size=16, num_layers=1, num_heads=2, hidden_dim=32, mlp_dim=64).eval()
    x = torch.randn(2, 3, 32, 32)
    plain, traced, doc = traced_and_plain(model, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    assert "encoder.layers.encoder_layer_0.self_attention" in {n["id"] for n in doc["nodes"]}
    assert {"conv2d", "cat", "layer_norm"} <= set(ops(doc))
